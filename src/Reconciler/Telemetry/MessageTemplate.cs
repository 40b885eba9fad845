using System.Text;

namespace Reconciler.Telemetry;

/// <summary>
/// Renders log templates with named holes, such as <c>"Set tracing {Mode} on {FunctionName}"</c>. Values fill the
/// holes in order; <c>{{</c> and <c>}}</c> stand for literal braces. Pure, so it is tested with tables.
/// </summary>
internal static class MessageTemplate
{
    /// <summary>The hole names of <paramref name="template"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> HoleNames(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var names = new List<string>();
        Walk(template, literal: null, hole: names.Add);
        return names;
    }

    /// <summary>
    /// The message with each hole replaced by the text of the value at the same position. A hole with no value stays
    /// as written, so a missing argument is visible in the log instead of failing the run.
    /// </summary>
    public static string Render(string template, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(template.Length + 32);
        var index = 0;
        Walk(
            template,
            literal: text => builder.Append(text),
            hole: name =>
            {
                if (index < values.Count)
                {
                    builder.Append(values[index] ?? "null");
                }
                else
                {
                    builder.Append('{').Append(name).Append('}');
                }

                index++;
            });
        return builder.ToString();
    }

    private static void Walk(string template, Action<string>? literal, Action<string> hole)
    {
        var position = 0;
        var text = new StringBuilder();
        while (position < template.Length)
        {
            var character = template[position];
            if ((character == '{' || character == '}') && position + 1 < template.Length && template[position + 1] == character)
            {
                text.Append(character);
                position += 2;
                continue;
            }

            if (character == '{')
            {
                var close = template.IndexOf('}', position + 1);
                if (close > position + 1 && IsHoleName(template.AsSpan(position + 1, close - position - 1)))
                {
                    literal?.Invoke(text.ToString());
                    text.Clear();
                    hole(template[(position + 1)..close]);
                    position = close + 1;
                    continue;
                }
            }

            text.Append(character);
            position++;
        }

        literal?.Invoke(text.ToString());
    }

    // Hole names become JSON field names, so only identifier characters make a hole; anything else is literal text.
    private static bool IsHoleName(ReadOnlySpan<char> name)
    {
        foreach (var character in name)
        {
            if (!char.IsAsciiLetterOrDigit(character) && character != '_')
            {
                return false;
            }
        }

        return true;
    }
}
