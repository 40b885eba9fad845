using Reconciler.Policies;

namespace Reconciler.Tests.Discovery;

/// <summary>Policies for discovery tests, read from YAML by the real loader so defaults are those users get.</summary>
internal static class DiscoveryPolicies
{
    /// <summary>A policy named <paramref name="name"/> whose spec is <paramref name="specLines"/> (indented under spec).</summary>
    public static ObservabilityPolicy Parse(string name, params string[] specLines)
    {
        var yaml = string.Join('\n', new[]
        {
            "apiVersion: reconciler.observability/v1",
            "kind: ObservabilityPolicy",
            $"metadata: {{ name: {name} }}",
            "spec:",
        }.Concat(specLines.Select(line => "  " + line))) + "\n";
        var loaded = PolicyLoader.LoadText($"policies/{name}.yaml", yaml);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return Assert.Single(loaded.Policies);
    }
}
