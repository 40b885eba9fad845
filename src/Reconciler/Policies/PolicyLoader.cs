using System.Text;
using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>
/// Loads and strictly validates policy files. Every problem is reported at once, as file:line:column: message,
/// sorted; hostile input (huge files, aliases, deep nesting, binary data, bad UTF-8) is refused without an
/// exception escaping. Only I/O failures the user can fix are turned into errors; nothing here throws for bad input.
/// </summary>
internal static class PolicyLoader
{
    /// <summary>
    /// Loads every *.yaml and *.yml file under <paramref name="directory"/> (recursively, in path order). Error paths
    /// are <paramref name="directory"/> joined with the file's path below it. A missing or empty directory is an error.
    /// Only regular files are read (symlinks are followed); a FIFO, device or symlink loop is an error naming it.
    /// </summary>
    public static PolicyLoadResult LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return Failed(directory, $"policy directory not found (looked in {Path.GetFullPath(directory)}); pass --policies DIR or create it");
        }

        var errors = new List<PolicyError>();
        var files = PolicyFiles.Find(directory, errors);
        if (files.Count == 0 && errors.Count == 0)
        {
            return Failed(directory, "no policy files (*.yaml or *.yml) in this directory; add one, e.g. policies/my-app.yaml");
        }

        var policies = new List<ReadPolicy>();
        foreach (var file in files)
        {
            if (ReadFileText(file, errors) is { } text)
            {
                policies.AddRange(ReadText(file, text, errors));
            }
        }

        return Finish(policies, errors, files.Count);
    }

    /// <summary>Loads policy YAML given as text; <paramref name="displayPath"/> names it in errors and sources.</summary>
    public static PolicyLoadResult LoadText(string displayPath, string yaml)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<PolicyError>();
        if (PolicyInputGuard.CheckSize(displayPath, Encoding.UTF8.GetByteCount(yaml)) is { } tooLarge)
        {
            errors.Add(tooLarge);
            return Finish([], errors, 1);
        }

        return Finish(ReadText(displayPath, yaml.TrimStart('\uFEFF'), errors), errors, 1);
    }

    private static string? ReadFileText(string file, List<PolicyError> errors)
    {
        try
        {
            if (PolicyFiles.Read(file, errors) is not { } bytes)
            {
                return null;
            }

            return PolicyInputGuard.Decode(file, bytes, errors);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new PolicyError(file, 1, 1, $"cannot read the file: {exception.Message}"));
            return null;
        }
    }

    private static List<ReadPolicy> ReadText(string file, string text, List<PolicyError> errors)
    {
        if (PolicyInputGuard.CheckCharacters(file, text) is { } badCharacter)
        {
            errors.Add(badCharacter);
            return [];
        }

        var documents = YamlTreeReader.Read(file, text, errors);
        if (documents.Count == 0 && !errors.Any(error => error.File == file))
        {
            errors.Add(new PolicyError(file, 1, 1,
                $"no policy document in this file; start one with apiVersion: {PolicyVocabulary.ApiVersion} and kind: {PolicyVocabulary.Kind}"));
        }

        var reader = new PolicyNodeReader(file, errors);
        var policies = new List<ReadPolicy>();
        foreach (var document in documents)
        {
            if (PolicyDocumentReader.Read(document, reader) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return policies;
    }

    /// <summary>Cross-document checks (unique policy and dashboard names), then sorting.</summary>
    private static PolicyLoadResult Finish(List<ReadPolicy> policies, List<PolicyError> errors, int fileCount)
    {
        var valid = new List<ObservabilityPolicy>();
        var byName = new Dictionary<string, ReadPolicy>(StringComparer.Ordinal);
        var byDashboard = new Dictionary<string, ReadPolicy>(StringComparer.Ordinal);
        foreach (var read in policies)
        {
            var policy = read.Policy;
            if (byName.TryGetValue(policy.Name, out var first))
            {
                errors.Add(new PolicyError(policy.Source.File, read.NameNode.Line, read.NameNode.Column,
                    $"metadata.name: \"{policy.Name}\" is already used by the policy at {Where(first.Policy.Source.File, first.NameNode)}; policy names must be unique across all files"));
                continue;
            }

            if (policy.Dashboard is { } dashboard && read.DashboardNameNode is { } dashboardNode &&
                byDashboard.TryGetValue(dashboard.Name, out var owner))
            {
                errors.Add(new PolicyError(policy.Source.File, dashboardNode.Line, dashboardNode.Column,
                    $"spec.dashboard.name: dashboard \"{dashboard.Name}\" is already managed by policy \"{owner.Policy.Name}\" " +
                    $"({Where(owner.Policy.Source.File, owner.DashboardNameNode!)}); two policies would overwrite each other's dashboard, give each its own name"));
                continue;
            }

            byName[policy.Name] = read;
            if (policy.Dashboard is { } owned)
            {
                byDashboard[owned.Name] = read;
            }

            valid.Add(policy);
        }

        var sorted = errors
            .Distinct()
            .OrderBy(error => error.File, StringComparer.Ordinal)
            .ThenBy(error => error.Line)
            .ThenBy(error => error.Column)
            .ThenBy(error => error.Message, StringComparer.Ordinal)
            .ToList();
        return new PolicyLoadResult(valid, sorted, fileCount);
    }

    private static string Where(string file, YamlValue node) => $"{file}:{node.Line}:{node.Column}";

    private static PolicyLoadResult Failed(string directory, string message) =>
        new([], [new PolicyError(directory, 0, 0, message)], 0);
}
