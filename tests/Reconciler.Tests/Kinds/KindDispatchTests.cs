using System.Text.RegularExpressions;
using Reconciler.Kinds;

namespace Reconciler.Tests.Kinds;

/// <summary>
/// A kind is one unit: only its own folder (Kinds/&lt;Kind&gt;/) may tell its payloads or its ChangeKind apart. The rest
/// of the engine goes through <see cref="ManagedKinds"/>, so a new kind needs no new arm anywhere else.
/// </summary>
public partial class KindDispatchTests
{
    [Fact]
    public void Sources_OutsideTheKindFolders_DoNotDispatchOnPayloadTypeOrChangeKind()
    {
        var payloads = string.Join('|', ManagedKinds.All.SelectMany(kind => kind.Writes).Select(write => write.Payload.Name));
        var dispatch = new Regex($@"\b(is|as|case)\s+({payloads})\b|\b({payloads})\s+\w+\s*=>|\bcase\s+ChangeKind\.|\bChangeKind\.\w+\s*=>", RegexOptions.CultureInvariant);
        var source = Path.Combine(RepositoryRoot(), "src", "Reconciler");
        var kindFolders = Directory.GetDirectories(Path.Combine(source, "Kinds"));

        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(source, file) && !kindFolders.Any(folder => file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(hit => dispatch.IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(source, hit.file)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Dispatch on a kind outside its folder (move it into the kind's planning step or writer):\n" + string.Join('\n', offenders));
    }

    private static bool IsBuildOutput(string source, string file)
    {
        var relative = Path.GetRelativePath(source, file);
        return relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
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
