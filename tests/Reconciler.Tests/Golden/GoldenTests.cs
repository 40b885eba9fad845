namespace Reconciler.Tests;

public sealed class GoldenTests
{
    [Fact]
    public void Difference_SecondLineChanged_NamesFileLineAndBothVersions()
    {
        var message = Golden.Difference("/src/testdata/plan.txt", "a\nb\nc\n", "a\nB\nc\n");

        Assert.Equal(
            "/src/testdata/plan.txt differs from the output at line 2 (rerun with UPDATE_GOLDEN=1 if the change is intended, then review the diff):\n-want: b\n+got:  B",
            message);
    }

    [Fact]
    public void Difference_OutputEndsEarly_ShowsEndMarker()
    {
        var message = Golden.Difference("g.txt", "a\nb", "a");

        Assert.EndsWith("line 2 (rerun with UPDATE_GOLDEN=1 if the change is intended, then review the diff):\n-want: b\n+got:  (end)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertMatches_CrLfOutputOfGoldenText_Passes()
    {
        var golden = File.ReadAllText(Path.Combine(SourceDirectory(), "..", "Reporting", "testdata", "plan.txt"));

        Golden.AssertMatches("plan.txt", golden.ReplaceLineEndings("\r\n"), Path.Combine(SourceDirectory(), "..", "Reporting", "ReportGoldenTests.cs"));
    }

    [Fact]
    public void AssertMatches_MissingFile_FailsNamingFileAndRemedy()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            return;
        }

        var error = Assert.ThrowsAny<Exception>(() => Golden.AssertMatches("no-such-golden.txt", "x"));

        Assert.Contains("no-such-golden.txt is missing; run the tests once with UPDATE_GOLDEN=1", error.Message, StringComparison.Ordinal);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
