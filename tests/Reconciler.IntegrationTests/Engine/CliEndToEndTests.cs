using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The built reconciler run as a child process (its own environment: fake credentials, moto's endpoint), the way an
/// operator or CI runs it: exit codes and the text people paste into tickets.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class CliEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task PlanApplyPlan_DriftedAccount_ExitCodesTwoZeroZeroAndReadablePlan()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));

        var plan = await RunAsync("plan", account);
        var apply = await RunAsync("apply", account);
        var after = await RunAsync("plan", account);

        Assert.True(plan.ExitCode == 2, $"plan exited {plan.ExitCode}: {plan.Stderr}\n{plan.Stdout}");
        Assert.Contains($"~ lambda {account.FunctionA}  tracing: PassThrough -> Active", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains($"~ apigateway {account.ApiName}/prod  tracingEnabled: false -> true", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ alarm {account.FunctionAlarm(account.FunctionB)}", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("Plan: 5 to create, 4 to update, 0 to delete.", plan.Stdout, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, $"apply exited {apply.ExitCode}: {apply.Stderr}\n{apply.Stdout}");
        Assert.True(after.ExitCode == 0, $"plan after apply exited {after.ExitCode}: {after.Stderr}\n{after.Stdout}");
        Assert.Contains("No changes.", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_MaxChangesTwo_ExitsTwoWithPendingThenNextRunConverges()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));

        var budgeted = await RunAsync("apply", account, "--max-changes", "2");
        var rest = await RunAsync("apply", account);
        var after = await RunAsync("plan", account);

        Assert.True(budgeted.ExitCode == 2, $"apply --max-changes 2 exited {budgeted.ExitCode}: {budgeted.Stderr}\n{budgeted.Stdout}");
        Assert.Contains("maxChangesPerRun", budgeted.Stdout, StringComparison.Ordinal);
        Assert.Contains("7 pending", budgeted.Stdout, StringComparison.Ordinal);
        Assert.True(rest.ExitCode == 0, $"second apply exited {rest.ExitCode}: {rest.Stderr}\n{rest.Stdout}");
        Assert.Equal(0, after.ExitCode);
    }

    [Theory]
    [InlineData("--deadline", "abc", "--deadline: 'abc' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--max-changes", "99999999999", "--max-changes: '99999999999' is not a whole number from 0 to 10000.")]
    [InlineData("--report-topic", "drift-reports", "--report-topic: 'drift-reports' is not an SNS topic ARN.")]
    public async Task Apply_TypoInAnOption_ExitsOneWithOneLineAndWritesNothing(string option, string value, string expected)
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard));

        var apply = await RunAsync("apply", account, "--output", "json", option, value);
        var plan = await RunAsync("plan", account);

        Assert.True(apply.ExitCode == 1, $"apply exited {apply.ExitCode}: {apply.Stderr}\n{apply.Stdout}");
        Assert.StartsWith(expected, apply.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", apply.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("{\"error\":{\"kind\":\"invalidOption\"", apply.Stdout, StringComparison.Ordinal);
        // Still all of the drift: the refused apply wrote nothing.
        Assert.True(plan.ExitCode == 2, $"plan exited {plan.ExitCode}: {plan.Stderr}\n{plan.Stdout}");
        Assert.Contains("Plan: 5 to create, 4 to update, 0 to delete.", plan.Stdout, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, DriftedAccount account, params string[] extra) =>
        ReconcilerCli.RunAsync([
            command,
            "--policies", _policies.Path,
            "--endpoint-url", moto.Endpoint.ToString(),
            "--region", MotoFixture.Region,
            "--alarm-prefix", account.AlarmPrefix,
            .. extra]);
}
