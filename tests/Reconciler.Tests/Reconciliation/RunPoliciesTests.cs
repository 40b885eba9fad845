using Reconciler.Reconciliation;
using Reconciler.Tests.Policies;

namespace Reconciler.Tests.Reconciliation;

public sealed class RunPoliciesTests : IDisposable
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 25, 10, 5, 0, TimeSpan.Zero);

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("run-policies-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Load_NamedPolicy_RunsOnlyItAndLeavesTheOthersOutsideTheRun()
    {
        Write("checkout", "billing", "search");

        var chosen = RunPolicies.Load(temp.FullName, "billing");

        Assert.True(chosen.CanRun);
        Assert.Equal(["billing"], chosen.Policies.Select(p => p.Name));
        Assert.Equal(["checkout", "search"], chosen.PoliciesOutsideRun.Order(StringComparer.Ordinal));
        var request = chosen.Request(apply: true, dryRun: false, Deadline, maxChanges: 7, alarmNamePrefix: "team-a");
        Assert.Equal(["billing"], request.Policies.Select(p => p.Name));
        Assert.Equal(["checkout", "search"], request.PoliciesOutsideRun!.Order(StringComparer.Ordinal));
        Assert.Equal(7, request.MaxChanges);
        Assert.Equal("team-a", request.AlarmNamePrefix);
    }

    [Fact]
    public void Load_NoName_RunsEveryPolicyAndLeavesNoneOutside()
    {
        Write("checkout", "billing");

        var chosen = RunPolicies.Load(temp.FullName, policyName: null);

        Assert.True(chosen.CanRun);
        Assert.Equal(["billing", "checkout"], chosen.Policies.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(chosen.PoliciesOutsideRun);
        Assert.Empty(chosen.Request(apply: false, dryRun: false, Deadline).PoliciesOutsideRun!);
    }

    [Fact]
    public void Load_UnknownName_NamesTheMissingPolicyAndCannotRun()
    {
        Write("checkout");

        var chosen = RunPolicies.Load(temp.FullName, "billing");

        Assert.False(chosen.CanRun);
        Assert.Equal("billing", chosen.MissingPolicy);
        Assert.Empty(chosen.Policies);
        Assert.Equal(["checkout"], chosen.Loaded.Policies.Select(p => p.Name));
        Assert.Throws<InvalidOperationException>(() => chosen.Request(apply: true, dryRun: false, Deadline));
    }

    [Fact]
    public void Load_InvalidPolicy_CannotRunAndKeepsTheErrors()
    {
        Write("checkout");
        File.WriteAllText(Path.Combine(temp.FullName, "broken.yaml"), "apiVersion: reconciler.observability/v1\nkind: Nonsense\n");

        var chosen = RunPolicies.Load(temp.FullName, "checkout");

        Assert.False(chosen.CanRun);
        Assert.Null(chosen.MissingPolicy);
        Assert.Empty(chosen.Policies);
        Assert.Contains(chosen.Loaded.Errors, error => error.ToString().Contains("broken.yaml", StringComparison.Ordinal));
    }

    private void Write(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(temp.FullName, $"{name}.yaml"), PolicyLoaderTests.Minimal(name));
        }
    }
}
