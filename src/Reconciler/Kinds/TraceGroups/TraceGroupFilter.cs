using System.Text;
using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// The filter expression of a policy's X-Ray group: one <c>service(id(name: "…", type: "…"))</c> term per selected
/// resource, joined with OR, functions first, each in name order. X-Ray names the nodes of a function with Active
/// tracing after the function, with type AWS::Lambda::Function (the function's own segment; the Lambda service's node
/// has the same name and type AWS::Lambda), and the node of a REST API stage "&lt;api name&gt;/&lt;stage&gt;" with type
/// AWS::ApiGateway::Stage (docs/traces.md gives the sources).
/// </summary>
internal static class TraceGroupFilter
{
    /// <summary>
    /// The most characters this project puts in one filter expression. AWS documents no maximum (neither the API
    /// reference of CreateGroup nor the API model gives one), so this is the project's own budget, chosen to stay well
    /// clear of any undocumented limit; see docs/traces.md.
    /// </summary>
    public const int MaxLength = 2000;

    /// <summary>The X-Ray node type of a Lambda function's own segment.</summary>
    public const string FunctionType = "AWS::Lambda::Function";

    /// <summary>The X-Ray node type of a REST API stage.</summary>
    public const string StageType = "AWS::ApiGateway::Stage";

    private const string Or = " OR ";

    /// <summary>
    /// The expression over <paramref name="functions"/> and <paramref name="stages"/>, cut to <see cref="MaxLength"/>:
    /// the terms that fit, and how many resources were left out (0 when all fit). Null when there is no resource.
    /// </summary>
    public static (string? Expression, int LeftOut) For(IEnumerable<ObservedFunction> functions, IEnumerable<ObservedStage> stages)
    {
        var terms = functions.Select(function => function.FunctionName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name => Term(name, FunctionType))
            .Concat(stages.Select(stage => StageNodeName(stage)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name => Term(name, StageType)))
            .ToList();
        if (terms.Count == 0)
        {
            return (null, 0);
        }

        var expression = new StringBuilder();
        var used = 0;
        foreach (var term in terms)
        {
            var added = (used == 0 ? 0 : Or.Length) + term.Length;
            if (expression.Length + added > MaxLength)
            {
                break;
            }

            expression.Append(used == 0 ? string.Empty : Or).Append(term);
            used++;
        }

        return (used == 0 ? null : expression.ToString(), terms.Count - used);
    }

    /// <summary>The X-Ray node name of a REST API stage: "&lt;api name&gt;/&lt;stage&gt;".</summary>
    public static string StageNodeName(ObservedStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.DisplayName;
    }

    private static string Term(string name, string type) => $"service(id(name: {Quote(name)}, type: {Quote(type)}))";

    // Filter expression strings are double-quoted; a quote or backslash inside is escaped with a backslash.
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
