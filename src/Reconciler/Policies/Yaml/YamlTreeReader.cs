using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reconciler.Policies.Yaml;

/// <summary>
/// Turns YAML text into <see cref="YamlValue"/> trees, one per document, using YamlDotNet's event parser only.
/// Building the tree by hand keeps the loader AOT-safe and lets it refuse hostile input before it costs anything:
/// aliases are refused outright (no "billion laughs" expansion can happen), nesting is bounded, and YAML tags
/// other than !!str are refused. A syntax error stops the file and is reported at YamlDotNet's mark.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Deepest nesting of mappings and lists accepted; a real policy needs six.</summary>
    public const int MaxDepth = 32;

    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>
    /// Parses <paramref name="text"/>. Errors go to <paramref name="errors"/>; documents that contain nothing
    /// (a stray "---", only comments) are left out. After a fatal error the documents read so far are returned.
    /// </summary>
    public static IReadOnlyList<YamlValue> Read(string file, string text, List<PolicyError> errors)
    {
        var documents = new List<YamlValue>();
        var stack = new Stack<Frame>();
        YamlValue? root = null;
        var lastGood = (Line: 1, Column: 1);
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var parsingEvent = parser.Current!;
                var (line, column) = Position(parsingEvent.Start);
                lastGood = Position(parsingEvent.End);
                switch (parsingEvent)
                {
                    case DocumentStart:
                        root = null;
                        break;
                    case DocumentEnd:
                        if (root is not null and not YamlScalar { Kind: YamlScalarKind.Null })
                        {
                            documents.Add(root);
                        }

                        break;
                    case AnchorAlias alias:
                        errors.Add(new PolicyError(file, line, column,
                            $"YAML aliases are not supported (found *{alias.Value}): they can expand a small file into a huge one, " +
                            "so the loader refuses them; write the value out in full where it is used"));
                        return documents;
                    case Scalar scalar:
                        CheckTag(scalar, file, errors);
                        var kind = scalar.Style == ScalarStyle.Plain && !IsStringTag(scalar)
                            ? YamlScalarResolver.ResolvePlain(scalar.Value)
                            : YamlScalarKind.String;
                        if (!Complete(new YamlScalar(scalar.Value, kind, line, column), stack, ref root, file, errors))
                        {
                            return documents;
                        }

                        break;
                    case MappingStart mappingStart:
                    case SequenceStart sequenceStart:
                        CheckTag((NodeEvent)parsingEvent, file, errors);
                        if (stack.Count >= MaxDepth)
                        {
                            errors.Add(new PolicyError(file, line, column,
                                $"nesting is deeper than {MaxDepth} levels; a policy needs far fewer, so this file is refused"));
                            return documents;
                        }

                        stack.Push(new Frame(parsingEvent is MappingStart, line, column));
                        break;
                    case MappingEnd:
                        var mapping = stack.Pop();
                        if (!Complete(new YamlMapping(mapping.Entries, mapping.Line, mapping.Column), stack, ref root, file, errors))
                        {
                            return documents;
                        }

                        break;
                    case SequenceEnd:
                        var sequence = stack.Pop();
                        if (!Complete(new YamlSequence(sequence.Items, sequence.Line, sequence.Column), stack, ref root, file, errors))
                        {
                            return documents;
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        catch (YamlException exception)
        {
            var (line, column) = Position(exception.Start);
            errors.Add(new PolicyError(file, line, column, $"YAML syntax error: {YamlMessage(exception)}"));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet throws these (instead of a YamlException) for some truncated input, e.g. "[1, 2" at the end.
            // Point at the innermost collection still open: that is where the missing ']' or '}' belongs.
            var (line, column) = stack.Count > 0 ? (stack.Peek().Line, stack.Peek().Column) : lastGood;
            errors.Add(new PolicyError(file, line, column,
                "YAML syntax error: the parser could not continue inside the list or mapping that starts here; is a bracket, brace or quote left open?"));
        }

        return documents;
    }

    /// <summary>YamlDotNet prefixes its messages with the marks; the error already carries them.</summary>
    private static string YamlMessage(YamlException exception)
    {
        var message = exception.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && separator >= 0
            ? message[(separator + 3)..]
            : message;
    }

    private static bool Complete(YamlValue value, Stack<Frame> stack, ref YamlValue? root, string file, List<PolicyError> errors)
    {
        if (stack.Count == 0)
        {
            root = value;
            return true;
        }

        var parent = stack.Peek();
        if (!parent.IsMapping)
        {
            parent.Items.Add(value);
            return true;
        }

        if (parent.PendingKey is null)
        {
            if (value is not YamlScalar key)
            {
                errors.Add(new PolicyError(file, value.Line, value.Column,
                    "a mapping key must be a plain word, not a list or mapping (is a '?' or a '[' out of place?)"));
                return false;
            }

            parent.PendingKey = key;
            return true;
        }

        parent.Entries.Add(new YamlEntry(parent.PendingKey, value));
        parent.PendingKey = null;
        return true;
    }

    private static void CheckTag(NodeEvent nodeEvent, string file, List<PolicyError> errors)
    {
        if (nodeEvent.Tag.IsEmpty || nodeEvent.Tag.IsNonSpecific || IsStringTag(nodeEvent))
        {
            return;
        }

        var (line, column) = Position(nodeEvent.Start);
        errors.Add(new PolicyError(file, line, column,
            $"YAML tag {nodeEvent.Tag.Value} is not supported; remove it (only !!str is accepted, to force a string)"));
    }

    private static bool IsStringTag(NodeEvent nodeEvent) =>
        !nodeEvent.Tag.IsEmpty && !nodeEvent.Tag.IsNonSpecific && nodeEvent.Tag.Value == StringTag;

    private static (int Line, int Column) Position(Mark mark) => (checked((int)mark.Line), checked((int)mark.Column));

    private sealed class Frame(bool isMapping, int line, int column)
    {
        public bool IsMapping { get; } = isMapping;

        public int Line { get; } = line;

        public int Column { get; } = column;

        public List<YamlEntry> Entries { get; } = [];

        public List<YamlValue> Items { get; } = [];

        public YamlScalar? PendingKey { get; set; }
    }
}
