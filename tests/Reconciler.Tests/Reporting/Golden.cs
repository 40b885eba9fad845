using System.Runtime.CompilerServices;

namespace Reconciler.Tests.Reporting;

/// <summary>
/// Compares output with a file under Reporting/testdata/ in the source tree (found through the caller's file path,
/// so the files need no copy step); UPDATE_GOLDEN=1 rewrites the file instead, for review in the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string fileName, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "testdata", fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests once with UPDATE_GOLDEN=1 and review the diff.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
