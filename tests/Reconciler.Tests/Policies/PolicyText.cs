namespace Reconciler.Tests.Policies;

/// <summary>Builds test policies and finds the repository's policy folder.</summary>
internal static class PolicyText
{
    /// <summary>
    /// A valid policy header (lines 1-7) followed by <paramref name="specLines"/>, which start at line 8 and are
    /// indented under spec (two spaces).
    /// </summary>
    public static string WithSpec(params string[] specLines) =>
        string.Join('\n', new[]
        {
            "apiVersion: reconciler.observability/v1",
            "kind: ObservabilityPolicy",
            "metadata:",
            "  name: test",
            "spec:",
            "  selector:",
            "    tags: { app: test }",
        }.Concat(specLines)) + "\n";

    /// <summary>
    /// A policy with one Lambda alarm rule: name (line 10), metric Errors (11), threshold 5 (12), then
    /// <paramref name="ruleLines"/> from line 13, column 9.
    /// </summary>
    public static string WithLambdaRule(params string[] ruleLines) =>
        WithSpec(new[] { "  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", "        threshold: 5" }
            .Concat(ruleLines.Select(line => "        " + line)).ToArray());

    /// <summary>The repository root (the folder holding Reconciler.sln).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reconciler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }

    public static string PoliciesDirectory() => Path.Combine(RepositoryRoot(), "policies");
}
