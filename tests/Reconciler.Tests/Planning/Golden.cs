using System.Runtime.CompilerServices;

namespace Reconciler.Tests.Planning;

/// <summary>
/// Golden files under Planning/testdata, read from and (with UPDATE_GOLDEN=1) written to the source tree next to
/// this file: the csproj copies only the project's top-level testdata/** to the output, and reading the source
/// copy means an update is seen by the next run without a rebuild.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string fileName, string actual, [CallerFilePath] string callerFile = "")
    {
        actual = actual.ReplaceLineEndings("\n");
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "testdata", fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests once with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            var wantLines = expected.Split('\n');
            var gotLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(wantLines.Length, gotLines.Length)).FirstOrDefault(i => wantLines[i] != gotLines[i], Math.Min(wantLines.Length, gotLines.Length));
            Assert.Fail($"{fileName} differs from the golden file at line {first + 1} (rerun with UPDATE_GOLDEN=1 if the change is intended):\n-want: {(first < wantLines.Length ? wantLines[first] : "(end)")}\n+got:  {(first < gotLines.Length ? gotLines[first] : "(end)")}");
        }
    }
}
