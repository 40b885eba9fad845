using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// Publishes the Native AOT bootstrap once for the test class that uses it, the way the Makefile does
/// (<c>dotnet publish src/Reconciler -c Release -r linux-x64 -p:PublishAot=true</c>), and keeps the publish output so
/// a test can check that ILC and the trim analysis had nothing to warn about.
/// </summary>
/// <remarks>
/// The project is copied to a temporary folder first: a RID-specific publish rewrites obj/project.assets.json, which
/// must not race with builds of the working tree. No C toolchain flags are passed: .NET 10 links with clang when it is
/// on the PATH and falls back to gcc, which every build machine of this project has. AOT_FLAGS (as for the Makefile)
/// adds publish properties when a machine needs them.
/// </remarks>
public sealed partial class NativeBootstrapFixture : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private readonly string _workFolder = Directory.CreateTempSubdirectory("reconciler-aot-").FullName;

    /// <summary>The published native executable (Lambda's "bootstrap").</summary>
    public string BootstrapPath => Path.Combine(_workFolder, "publish", "reconciler");

    /// <summary>Everything dotnet publish printed.</summary>
    public string PublishOutput { get; private set; } = "";

    /// <summary>The publish output's warning lines (ILC, trim and AOT analysis, compiler).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>How long the publish took.</summary>
    public TimeSpan PublishDuration { get; private set; }

    /// <summary>The repository root (the folder with Reconciler.sln), found from the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var source = Path.Combine(_workFolder, "src");
        CopyProject(source);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(source, "src", "Reconciler", "Reconciler.csproj"),
                "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
                "-o", Path.Combine(_workFolder, "publish"),
                "--nologo", "-tl:off", "-clp:NoSummary",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in (Environment.GetEnvironmentVariable("AOT_FLAGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(flag);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(PublishTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dotnet publish of the AOT bootstrap took more than {PublishTimeout.TotalMinutes} minutes. Output so far:\n{output}");
        }

        process.WaitForExit();
        PublishDuration = stopwatch.Elapsed;
        PublishOutput = output.ToString();
        Warnings = [.. PublishOutput.Split('\n').Where(line => WarningLine().IsMatch(line)).Select(line => line.Trim()).Distinct()];
        if (process.ExitCode != 0 || !File.Exists(BootstrapPath))
        {
            throw new InvalidOperationException(
                $"dotnet publish -p:PublishAot=true failed with exit code {process.ExitCode}. A C toolchain (clang, or gcc with binutils) " +
                $"must be on the PATH; AOT_FLAGS passes extra properties. Output:\n{PublishOutput}");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A bootstrap a failed test could not stop may still hold the file; the temp folder is cleaned later.
        }

        return Task.CompletedTask;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    // Only what the publish needs: the project and the repository-level build settings it inherits.
    private static void CopyProject(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            var path = Path.Combine(RepositoryRoot, file);
            if (File.Exists(path))
            {
                Directory.CreateDirectory(destination);
                File.Copy(path, Path.Combine(destination, file));
            }
        }

        var project = Path.Combine(RepositoryRoot, "src", "Reconciler");
        foreach (var file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(destination, "src", "Reconciler", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Reconciler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Reconciler.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }

    // MSBuild's canonical form: "file(line,col): warning CODE: text" or "... : warning CODE: ...".
    [GeneratedRegex(@"\bwarning\s+[A-Za-z]+\d+\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
