using System.Diagnostics;
using Reconciler.IntegrationTests.Engine;

namespace Reconciler.IntegrationTests.Aws.Wire;

/// <summary>
/// The golden wire files in tests/Reconciler.Tests/testdata/wire are committed so the unit tests need no Python;
/// this test runs their generator in check mode, so a case edited in the script, or a botocore whose model
/// serialises differently, fails here until the files are regenerated.
/// </summary>
public sealed class GoldenWireFreshnessTests
{
    [BotocoreFact]
    public async Task GenerateGolden_CheckMode_CommittedFilesAreUpToDate()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(root, "tools", "wire", "generate_golden.py"), "--check" },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A guard against a hung interpreter, not a timing assertion.
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"tools/wire/generate_golden.py --check exited {exitCode}:\n{stderr}{stdout}");
        Assert.Contains("golden wire files are up to date", stdout, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reconciler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, saying why, where python3 with botocore is not available.</summary>
public sealed class BotocoreFactAttribute : FactAttribute
{
    public BotocoreFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "python3")));
        if (!onPath)
        {
            Skip = "python3 is not on the PATH, so the golden wire files were not checked against botocore: install python3 and botocore (pip install botocore) to run this test.";
            return;
        }

        if (!CanImportBotocore())
        {
            Skip = "python3 cannot import botocore, so the golden wire files were not checked against it: run 'pip install botocore' to run this test.";
        }
    }

    private static bool CanImportBotocore()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3")
            {
                ArgumentList = { "-c", "import botocore" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
