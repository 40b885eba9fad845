using System.Diagnostics;
using Reconciler.Hosting.Demo;
using Reconciler.LocalEmulator;

namespace Reconciler.IntegrationTests.Demo;

/// <summary>
/// `reconciler demo` in process, against its own moto (started and stopped by the demo, not the shared fixture):
/// the story it prints, and how it fails when something is missing.
/// </summary>
public sealed class DemoRunnerTests
{
    private static readonly TimeSpan StoryTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RunAsync_FreshEmulator_TellsPlanApplyPlanAndEmailStoryThenStopsMoto()
    {
        var (exitCode, output, errors) = await RunAsync(new DemoOptions(null, Keep: false, Color: false, new MotoServerOptions()));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{errors}\n{output}");
        Assert.Equal(string.Empty, errors);

        var firstPlan = DemoOutput.Section(output, "reconciler plan");
        Assert.Contains("~ lambda ManageProjects  tracing: PassThrough -> Active", firstPlan, StringComparison.Ordinal);
        Assert.Contains("~ apigateway ProjectManagementAPI/prod  tracingEnabled: false -> true", firstPlan, StringComparison.Ordinal);
        Assert.Contains($"~ alarm {DemoOutput.HandEditedAlarm}\n        threshold: 10 -> 5", firstPlan, StringComparison.Ordinal);
        Assert.Contains("~ lambda ManageProjects  logFormat: Text -> JSON", firstPlan, StringComparison.Ordinal);
        Assert.Contains("+ log group /aws/lambda/ManageProjects  retention: 30 days", firstPlan, StringComparison.Ordinal);
        Assert.Contains("+ xray group reconciler-project-management\n        filterExpression: service(id(name: \"ManageProjects\"", firstPlan, StringComparison.Ordinal);
        Assert.Contains("+ sampling rule reconciler-project-management", firstPlan, StringComparison.Ordinal);
        Assert.Contains("Plan: 12 to create, 7 to update, 0 to delete.", firstPlan, StringComparison.Ordinal);

        var apply = DemoOutput.Section(output, "reconciler apply ... ", wholeLine: false);
        Assert.Contains("19 of 19 changes applied", apply, StringComparison.Ordinal);
        Assert.Contains("Report published to arn:aws:sns:us-east-1:123456789012:drift-reports", apply, StringComparison.Ordinal);

        var secondPlan = DemoOutput.Section(output, "reconciler plan, again");
        Assert.Contains("No changes. 4 resources match their policies.", secondPlan, StringComparison.Ordinal);

        var alarms = DemoOutput.Section(output, "The two alarms, read back with DescribeAlarms");
        Assert.Contains($"ok {DemoOutput.HandEditedAlarm}: threshold 5 again", alarms, StringComparison.Ordinal);
        Assert.Contains($"ok {DemoOutput.ForeignAlarm}: untouched", alarms, StringComparison.Ordinal);

        // The foreign alarm is named where it is introduced and where it is confirmed untouched, nowhere else.
        var foreignLines = output.Split('\n').Where(line => line.Contains(DemoOutput.ForeignAlarm, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, foreignLines.Count);
        Assert.Contains(foreignLines, line => line.Contains("untouched", StringComparison.Ordinal));

        var email = DemoOutput.Section(output, "The drift report as it arrived by email");
        Assert.Contains("Subject: Drift: 17 corrected in 123456789012 us-east-1", email, StringComparison.Ordinal);
        Assert.Contains("CHANGED (19)", email, StringComparison.Ordinal);
        Assert.Contains("  ~ lambda ManageProjects  tracing: PassThrough -> Active", email, StringComparison.Ordinal);

        Assert.Contains("==> Done in ", output, StringComparison.Ordinal);
        Assert.Contains("==> Stopped the emulator on 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.False(DemoOutput.Listening(DemoOutput.Port(output)), "moto still accepts connections after the demo ended.");
    }

    [Fact]
    public async Task RunAsync_Keep_LeavesMotoRunningAndSaysHowToExploreAndStopIt()
    {
        var (exitCode, output, errors) = await RunAsync(new DemoOptions(null, Keep: true, Color: false, new MotoServerOptions()));
        var port = DemoOutput.Port(output);
        var pidText = output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("Stop it with: kill ", StringComparison.Ordinal))["Stop it with: kill ".Length..];
        using var moto = Process.GetProcessById(int.Parse(pidText, System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Assert.True(exitCode == 0, $"exit {exitCode}\n{errors}\n{output}");
            Assert.True(DemoOutput.Listening(port), "--keep should leave moto accepting connections.");
            Assert.Contains($"export AWS_ENDPOINT_URL=http://127.0.0.1:{port}", output, StringComparison.Ordinal);
            Assert.Contains($"aws --endpoint-url http://127.0.0.1:{port} cloudwatch describe-alarms --region us-east-1", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Stopped the emulator", output, StringComparison.Ordinal);
        }
        finally
        {
            moto.Kill(entireProcessTree: true);
            await moto.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.False(DemoOutput.Listening(port));
    }

    [Fact]
    public async Task RunAsync_PythonMissing_SaysWhatToInstallAndExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-python-" + Guid.NewGuid().ToString("N"), "python3");

        var (exitCode, output, errors) = await RunAsync(new DemoOptions(null, Keep: false, Color: false, new MotoServerOptions { PythonPath = missing }));

        Assert.Equal(DemoRunner.FailedExitCode, exitCode);
        Assert.Contains("Starting a local AWS emulator (moto) on 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("... failed", output, StringComparison.Ordinal);
        Assert.Contains("cannot start the local AWS emulator", errors, StringComparison.Ordinal);
        Assert.Contains(missing, errors, StringComparison.Ordinal);
        Assert.Contains("Install Python 3 and moto 5.2.1", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("==> reconciler plan", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FolderWithoutTheDemoPolicy_SaysWhereItLookedAndStartsNothing()
    {
        var empty = Directory.CreateTempSubdirectory("reconciler-demo-test-");
        try
        {
            var (exitCode, output, errors) = await RunAsync(new DemoOptions(empty.FullName, Keep: false, Color: false, new MotoServerOptions()));

            Assert.Equal(DemoRunner.FailedExitCode, exitCode);
            Assert.Contains($"Cannot find {Path.Combine(empty.FullName, "project-management.yaml")}", errors, StringComparison.Ordinal);
            Assert.Contains("--policies DIR", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Starting a local AWS emulator", output, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(DemoOptions options)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(StoryTimeout);
        var exitCode = await new DemoRunner(options, output, errors, TimeProvider.System).RunAsync(timeout.Token);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
