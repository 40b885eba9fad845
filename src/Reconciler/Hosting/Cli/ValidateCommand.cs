using System.CommandLine;
using System.Globalization;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler validate [--policies DIR]`: loads every policy file and reports every problem. Exit 0 with one
/// summary line on stdout when all are valid; exit 1 with each error on stderr and a count line otherwise.
/// Meant for CI and pre-commit hooks, so it touches nothing outside the policy directory.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var policies = new Option<string>("--policies")
        {
            Description = "Directory of policy files (*.yaml, *.yml), read recursively.",
            DefaultValueFactory = _ => "policies",
            HelpName = "DIR",
        };
        var command = new Command("validate", "Check policy files and report every error as file:line:column: message.");
        command.Options.Add(policies);
        command.SetAction(parseResult => Run(parseResult.GetValue(policies) ?? "policies", Console.Out, Console.Error));
        return command;
    }

    /// <summary>Validates <paramref name="directory"/> and writes the outcome; returns the exit code.</summary>
    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        var result = PolicyLoader.LoadDirectory(directory);
        if (result.IsValid)
        {
            var names = string.Join(", ", result.Policies.Select(policy => policy.Name).Order(StringComparer.Ordinal));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ChangeLines.Count(result.Policies.Count, "policy", "policies")} in {ChangeLines.Count(result.FileCount, "file", "files")} {(result.Policies.Count == 1 ? "is" : "are")} valid: {names}"));
            return 0;
        }

        foreach (var problem in result.Errors)
        {
            error.WriteLine(problem.ToString());
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ChangeLines.Count(result.Errors.Count, "error", "errors")} in {directory}; nothing was applied. Fix them and run validate again."));
        return 1;
    }
}
