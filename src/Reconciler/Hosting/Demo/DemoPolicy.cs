using Reconciler.Policies;

namespace Reconciler.Hosting.Demo;

/// <summary>
/// Finds and loads policies/project-management.yaml, the sample policy the demo is about, as it is in the repository:
/// the demo shows what that file does, so it is never edited or replaced by a built-in copy.
/// </summary>
internal static class DemoPolicy
{
    /// <summary>The loaded policy and the path it was read from; or null and why not.</summary>
    public static (ObservabilityPolicy? Policy, string Path, string? Problem) Load(string? directory)
    {
        var path = directory is null ? Find() : Path.Combine(directory, DemoOptions.PolicyFileName);
        if (path is null || !File.Exists(path))
        {
            var where = directory is null
                ? $"policies/{DemoOptions.PolicyFileName} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}"
                : path;
            return (null, path ?? string.Empty, $"Cannot find {where}. Run the demo from a checkout of the repository, or pass --policies DIR with the folder holding {DemoOptions.PolicyFileName}.");
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var display = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
        var loaded = PolicyLoader.LoadText(display, File.ReadAllText(path));
        if (!loaded.IsValid)
        {
            var errors = string.Join(Environment.NewLine, loaded.Errors.Select(error => error.ToString()));
            return (null, display, $"{display} is not a valid policy:{Environment.NewLine}{errors}{Environment.NewLine}Run `reconciler validate --policies {Path.GetDirectoryName(display)}` after fixing it.");
        }

        var policy = loaded.Policies.FirstOrDefault(p => p.Name == DemoOptions.PolicyName);
        return policy is null
            ? (null, display, $"{display} holds no policy named {DemoOptions.PolicyName}; the demo seeds that app and needs its policy.")
            : (policy, display, null);
    }

    private static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "policies", DemoOptions.PolicyFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
