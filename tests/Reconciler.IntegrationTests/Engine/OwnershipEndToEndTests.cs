using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// What the reconciler must never take for its own, end to end against moto: the alarms of a second deployment whose
/// prefix starts with this one's, and a hand-made alarm whose description carries a copied ownership marker.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class OwnershipEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Apply_TwoDeploymentsWithOverlappingPrefixes_NeitherDeletesTheOthersAlarms()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard + "-a")).Load();
        var euPolicies = new PolicyDirectory();
        using var cleanup = euPolicies;
        var eu = euPolicies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard + "-eu")).Load();
        var euPrefix = account.AlarmPrefix + "-eu";
        using var aws = moto.CreateClients();

        await Engine.ApplyAsync(aws, eu, euPrefix);
        var euAlarms = await AlarmNamesAsync(aws, euPrefix);
        Assert.Equal(4, euAlarms.Count);

        // The default deployment lists "<prefix>-…", which includes "<prefix>-eu-…", all marked for the same policy.
        var first = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);
        var second = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);
        var euAgain = await Engine.ApplyAsync(aws, eu, euPrefix);

        Assert.DoesNotContain(first.Plan.Changes, c => c.Action == ChangeAction.Delete);
        Assert.Empty(second.Plan.Changes);
        Assert.Empty(euAgain.Plan.Changes);
        Assert.Equal(euAlarms, await AlarmNamesAsync(aws, euPrefix));
        Assert.Equal(4, (await AlarmNamesAsync(aws, account.AlarmPrefix)).Count);
    }

    [Fact]
    public async Task Apply_CopiedMarkerWithoutTags_NotDeletedAndReportedAsConflict()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();
        await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        // Made by hand in the console under the prefix, its description pasted from one of the reconciler's alarms.
        var copied = $"{account.AlarmPrefix}-{account.PolicyName}-hand-made";
        await aws.CloudWatch.PutMetricAlarmAsync(
            new PutMetricAlarmRequest
            {
                AlarmName = copied,
                AlarmDescription = "Team alarm. " + OwnershipMarker.Marker(account.AlarmPrefix, account.PolicyName),
                Namespace = "AWS/Lambda",
                MetricName = "Errors",
                Statistic = "Sum",
                Dimensions = [new Dimension("FunctionName", account.FunctionA)],
                Period = 300,
                EvaluationPeriods = 1,
                Threshold = 1,
                ComparisonOperator = "GreaterThanThreshold",
            },
            CancellationToken.None);

        var result = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.Contains(copied, await AlarmNamesAsync(aws, account.AlarmPrefix));
        Assert.DoesNotContain(result.Plan.Changes, c => c.Target == copied);
        var conflict = Assert.Single(result.Plan.Conflicts, c => c.Target == copied);
        Assert.Equal(ConflictKind.NotOwned, conflict.Kind);
        Assert.Contains("not the ownership tags", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Report.Conflicts, c => c.Target == copied);
    }

    private static async Task<IReadOnlyList<string>> AlarmNamesAsync(IAwsClients aws, string prefix)
    {
        var names = new List<string>();
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix + "-"), CancellationToken.None))
        {
            // "<prefix>-eu-…" starts with "<prefix>-" too; keep only this deployment's own names.
            if (!alarm.AlarmName.StartsWith(prefix + "-eu-", StringComparison.Ordinal) || prefix.EndsWith("-eu", StringComparison.Ordinal))
            {
                names.Add(alarm.AlarmName);
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
