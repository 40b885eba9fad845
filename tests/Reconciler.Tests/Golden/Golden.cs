using System.Runtime.CompilerServices;

namespace Reconciler.Tests;

/// <summary>
/// Golden files under a testdata folder next to the calling test file, read from and (with UPDATE_GOLDEN=1) written to
/// the source tree: the csproj copies only the project's top-level testdata/** to the output, and reading the source
/// copy means an update is seen by the next run without a rebuild. Shared by the Planning and Reporting tests, so
/// both fail with the same message and update the same way.
/// </summary>
internal static class Golden
{
    /// <summary>
    /// Fails naming the golden file, the first differing line and the remedy when <paramref name="actual"/> differs
    /// from it (line endings aside); with UPDATE_GOLDEN=1 rewrites the file instead, for review in the diff.
    /// </summary>
    public static void AssertMatches(string fileName, string actual, [CallerFilePath] string callerFile = "")
    {
        actual = actual.ReplaceLineEndings("\n");
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "testdata", fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests once with UPDATE_GOLDEN=1 to create it, then review the diff");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Assert.Fail(Difference(path, expected, actual));
        }
    }

    /// <summary>The failure message for a golden mismatch: the file, the first differing line (1-based) and both versions of it.</summary>
    internal static string Difference(string path, string expected, string actual)
    {
        var wantLines = expected.Split('\n');
        var gotLines = actual.Split('\n');
        var common = Math.Min(wantLines.Length, gotLines.Length);
        var first = Enumerable.Range(0, common).FirstOrDefault(i => wantLines[i] != gotLines[i], common);
        return $"{path} differs from the output at line {first + 1} (rerun with UPDATE_GOLDEN=1 if the change is intended, then review the diff):\n"
            + $"-want: {(first < wantLines.Length ? wantLines[first] : "(end)")}\n"
            + $"+got:  {(first < gotLines.Length ? gotLines[first] : "(end)")}";
    }
}
