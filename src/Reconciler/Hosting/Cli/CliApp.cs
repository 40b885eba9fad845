using System.CommandLine;
using System.CommandLine.Invocation;

namespace Reconciler.Hosting.Cli;

/// <summary>The command line: one sub-command per file in this folder.</summary>
internal static class CliApp
{
    /// <summary>The exit code for a command line that does not parse; the same as every other user error.</summary>
    public const int UsageExitCode = 1;

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunAsync(args, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>
    /// The same with the environment given: commands read variables only through <paramref name="environment"/>, so
    /// tests need not change the process environment.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Observability reconciler: keeps X-Ray tracing, CloudWatch alarms and dashboards of serverless apps in line with YAML policies.");
        foreach (var command in Commands(environment))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction && parse.CommandResult.Command != root)
        {
            return ReportParseErrors(parse, Console.Out, Console.Error);
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // System.CommandLine's own answer to a typo is the errors followed by the whole help text and typo suggestions,
    // both on stdout: a page to scroll back through, and no JSON for a pipeline that asked for --output json.
    private static int ReportParseErrors(ParseResult parse, TextWriter output, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var messages = parse.Errors.Select(problem => problem.Message).Distinct(StringComparer.Ordinal).ToList();
        foreach (var message in messages)
        {
            error.WriteLine(message);
        }

        foreach (var token in parse.UnmatchedTokens.Where(token => token.StartsWith('-')))
        {
            if (ClosestOption(command, token) is { } suggestion)
            {
                error.WriteLine($"Did you mean {suggestion} instead of {token}?");
            }
        }

        // The name the README uses: the process name is "dotnet" or a test host as often as the binary's.
        error.WriteLine($"Nothing was read or changed. Run `reconciler {command.Name} --help` to see every option and its valid values.");
        if (AsksForJson(parse, command))
        {
            CliErrorJson.Write(output, CliErrorJson.InvalidOption, messages);
        }

        return UsageExitCode;
    }

    private static bool AsksForJson(ParseResult parse, Command command) =>
        command.Options.FirstOrDefault(option => option.Name == "--output") is { } outputOption
        && parse.GetResult(outputOption) is { Tokens: [var token] }
        && token.Value.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static string? ClosestOption(Command command, string token) =>
        command.Options
            .Select(option => (option.Name, Distance: EditDistance(option.Name, token)))
            .Where(candidate => candidate.Distance <= 2)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static IEnumerable<Command> Commands(Func<string, string?> environment)
    {
        yield return ValidateCommand.Create();
        yield return PlanCommand.Create(environment);
        yield return ApplyCommand.Create(environment);
        yield return DrillCommand.Create(environment);
        yield return WatchCommand.Create(environment);
        yield return DemoCommand.Create();
    }
}
