namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The X-Ray groups and sampling rules a test may leave in moto, removed with the AWS CLI when it ends: X-Ray allows
/// 25 of each per Region (patch N enforces the rule quota, strict S10 the group one), and the moto of a collection is
/// shared by its tests.
/// </summary>
internal sealed class XRayLeftovers(AwsCli cli)
{
    private readonly List<string> groups = [];
    private readonly List<string> rules = [];

    public void Group(string name) => groups.Add(name);

    public void Rule(string name) => rules.Add(name);

    /// <summary>Deletes each named group and rule that exists.</summary>
    public async Task RemoveAsync()
    {
        var existingGroups = (await cli.RunAsync("xray", "get-groups"))["Groups"]!.AsArray().Select(g => (string?)g!["GroupName"]).ToHashSet();
        foreach (var group in groups.Where(existingGroups.Contains))
        {
            await cli.RunAsync("xray", "delete-group", "--group-name", group);
        }

        var existingRules = (await cli.RunAsync("xray", "get-sampling-rules"))["SamplingRuleRecords"]!.AsArray().Select(r => (string?)r!["SamplingRule"]!["RuleName"]).ToHashSet();
        foreach (var rule in rules.Where(existingRules.Contains))
        {
            await cli.RunAsync("xray", "delete-sampling-rule", "--rule-name", rule);
        }
    }
}
