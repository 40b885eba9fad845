using System.Globalization;
using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>
/// Typed access to YAML nodes that records an error (with the node's position and its path in the document)
/// instead of throwing, so one pass reports every problem. Each getter returns null when the value is unusable.
/// </summary>
internal sealed class PolicyNodeReader(string file, List<PolicyError> errors)
{
    /// <summary>The smallest positive normal double (2^-1022); below it a double loses precision, and then its value.</summary>
    private const double MinNormalDouble = 2.2250738585072014E-308;

    public string File { get; } = file;

    public int ErrorCount => errors.Count;

    public void Error(YamlValue at, string path, string message) =>
        errors.Add(new PolicyError(File, at.Line, at.Column, path.Length == 0 ? message : $"{path}: {message}"));

    /// <summary>
    /// Reads <paramref name="value"/> as a mapping whose keys must be among <paramref name="allowedKeys"/>; reports
    /// unknown keys (with a suggestion) and duplicate keys.
    /// </summary>
    public MappingFields? Mapping(YamlValue value, string path, IReadOnlyList<string> allowedKeys)
    {
        if (value is not YamlMapping mapping)
        {
            Error(value, path, $"expected a mapping (key: value lines), got {value.Describe()}");
            return null;
        }

        var fields = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Text;
            if (!allowedKeys.Contains(key))
            {
                var suggestion = Spelling.Suggest(key, allowedKeys);
                Error(entry.Key, path, suggestion is not null
                    ? $"unknown key \"{key}\"; did you mean \"{suggestion}\"?"
                    : $"unknown key \"{key}\"; valid keys here: {string.Join(", ", allowedKeys)}");
                continue;
            }

            if (fields.TryGetValue(key, out var first))
            {
                Error(entry.Key, path, $"duplicate key \"{key}\" (first at line {first.Key.Line}); keep one");
                continue;
            }

            fields[key] = entry;
        }

        return new MappingFields(mapping, fields);
    }

    /// <summary>A mapping with free-form string keys (tags); duplicate keys are reported.</summary>
    public IReadOnlyList<YamlEntry>? FreeMapping(YamlValue value, string path)
    {
        if (value is not YamlMapping mapping)
        {
            Error(value, path, $"expected a mapping (key: value lines), got {value.Describe()}");
            return null;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<YamlEntry>();
        foreach (var entry in mapping.Entries)
        {
            if (seen.TryGetValue(entry.Key.Text, out var firstLine))
            {
                Error(entry.Key, path, $"duplicate key \"{entry.Key.Text}\" (first at line {firstLine}); keep one");
                continue;
            }

            seen[entry.Key.Text] = entry.Key.Line;
            entries.Add(entry);
        }

        return entries;
    }

    public YamlSequence? Sequence(YamlValue value, string path)
    {
        if (value is YamlSequence sequence)
        {
            return sequence;
        }

        Error(value, path, $"expected a list (\"- item\" lines or [a, b]), got {value.Describe()}");
        return null;
    }

    public string? String(YamlValue value, string path)
    {
        if (value is YamlScalar { Kind: YamlScalarKind.String } scalar)
        {
            return scalar.Text;
        }

        var hint = value is YamlScalar { Kind: YamlScalarKind.Number or YamlScalarKind.Boolean } other
            ? $"; quote it if you mean the text: \"{other.Text}\""
            : string.Empty;
        Error(value, path, $"expected a string, got {value.Describe()}{hint}");
        return null;
    }

    /// <summary>A string that must not be empty.</summary>
    public string? NonEmptyString(YamlValue value, string path)
    {
        var text = String(value, path);
        if (text is { Length: 0 })
        {
            Error(value, path, "must not be empty");
            return null;
        }

        return text;
    }

    public bool? Boolean(YamlValue value, string path)
    {
        if (value is YamlScalar { Kind: YamlScalarKind.Boolean } scalar)
        {
            return YamlScalarResolver.ParseBoolean(scalar.Text);
        }

        Error(value, path, $"expected true or false, got {value.Describe()}");
        return null;
    }

    public double? Number(YamlValue value, string path)
    {
        if (value is YamlScalar { Kind: YamlScalarKind.Number } scalar)
        {
            var number = YamlScalarResolver.ParseNumber(scalar.Text);
            if (!double.IsFinite(number))
            {
                Error(value, path, $"{scalar.Text} is too large: it overflows a double (largest about 1.8e308); CloudWatch stores thresholds as doubles, so use a smaller number");
                return null;
            }

            // double.Parse rounds an underflow to 0 (1e-400) and keeps only a few digits of a subnormal (1e-320) without
            // any error: the alarm would compare with a value the user never wrote.
            if (Math.Abs(number) < MinNormalDouble && !YamlScalarResolver.IsZeroLiteral(scalar.Text))
            {
                var loss = number == 0
                    ? "it underflows a double and would be stored as 0"
                    : "below 2.2e-308 a double keeps only a few of its digits, so it would be stored rounded";
                Error(value, path, $"{scalar.Text} is too close to 0: {loss}; write 0, or a number of at least 2.3e-308");
                return null;
            }

            return number;
        }

        Error(value, path, $"expected a number, got {value.Describe()}");
        return null;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public int? Integer(YamlValue value, string path, int minimum)
    {
        var number = Number(value, path);
        if (number is null)
        {
            return null;
        }

        if (number.Value != Math.Floor(number.Value) || number.Value > int.MaxValue ||
            !YamlScalarResolver.IsWholeLiteral(((YamlScalar)value).Text))
        {
            Error(value, path, $"expected a whole number, got {((YamlScalar)value).Text}");
            return null;
        }

        if (number.Value < minimum)
        {
            Error(value, path, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}, got {((YamlScalar)value).Text}"));
            return null;
        }

        return (int)number.Value;
    }

    /// <summary>One of the spellings in <paramref name="table"/> (case-sensitive), listing them all when it is not.</summary>
    public T? Enum<T>(YamlValue value, string path, IReadOnlyList<KeyValuePair<string, T>> table)
        where T : struct, Enum
    {
        var valid = table.Select(entry => entry.Key).ToList();
        if (value is YamlScalar { Kind: not YamlScalarKind.Null } scalar)
        {
            foreach (var (spelling, result) in table)
            {
                if (spelling == scalar.Text && scalar.Kind == YamlScalarKind.String)
                {
                    return result;
                }
            }

            var suggestion = Spelling.Suggest(scalar.Text, valid);
            var didYouMean = suggestion is null ? string.Empty : $"did you mean \"{suggestion}\"? ";
            Error(value, path, $"\"{scalar.Text}\" is not valid; {didYouMean}valid values: {string.Join(", ", valid)}");
            return null;
        }

        Error(value, path, $"expected one of {string.Join(", ", valid)}, got {value.Describe()}");
        return null;
    }

    /// <summary>A list of strings; each item goes through <paramref name="check"/> (which reports its own errors).</summary>
    public IReadOnlyList<string>? StringList(YamlValue value, string path, Func<string, YamlValue, string, bool>? check = null)
    {
        var sequence = Sequence(value, path);
        if (sequence is null)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var text = String(sequence.Items[i], itemPath);
            if (text is null || (check is not null && !check(text, sequence.Items[i], itemPath)))
            {
                ok = false;
                continue;
            }

            result.Add(text);
        }

        return ok ? result : null;
    }
}

/// <summary>The known keys of one mapping, after unknown and duplicate keys were reported.</summary>
internal sealed class MappingFields(YamlMapping mapping, IReadOnlyDictionary<string, YamlEntry> fields)
{
    public YamlMapping Mapping { get; } = mapping;

    public YamlValue? this[string key] => fields.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlScalar? KeyOf(string key) => fields.TryGetValue(key, out var entry) ? entry.Key : null;
}
