namespace Reconciler.Policies.Yaml;

/// <summary>
/// A node of a parsed YAML document with the 1-based line and column where it starts. The loader builds these
/// itself from YamlDotNet's event parser, so there is no reflection and no alias expansion.
/// </summary>
internal abstract record YamlValue(int Line, int Column)
{
    /// <summary>How the node reads in a message: "a mapping", "a list", "a string", ...</summary>
    public abstract string Describe();
}

/// <summary>A mapping. Keys are always scalars (the reader refuses complex keys).</summary>
internal sealed record YamlMapping(IReadOnlyList<YamlEntry> Entries, int Line, int Column) : YamlValue(Line, Column)
{
    /// <inheritdoc />
    public override string Describe() => "a mapping";
}

/// <summary>One key/value pair of a mapping.</summary>
internal sealed record YamlEntry(YamlScalar Key, YamlValue Value);

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlValue> Items, int Line, int Column) : YamlValue(Line, Column)
{
    /// <inheritdoc />
    public override string Describe() => "a list";
}

/// <summary>
/// A scalar with its YAML 1.2 core-schema type already resolved: plain scalars can be null, booleans or numbers,
/// quoted and block scalars are always strings.
/// </summary>
internal sealed record YamlScalar(string Text, YamlScalarKind Kind, int Line, int Column) : YamlValue(Line, Column)
{
    /// <inheritdoc />
    public override string Describe() => Kind switch
    {
        YamlScalarKind.Null => "an empty value",
        YamlScalarKind.Boolean => $"the boolean {Text}",
        YamlScalarKind.Number => $"the number {Text}",
        _ => $"the string \"{Text}\"",
    };
}

/// <summary>The resolved type of a scalar.</summary>
internal enum YamlScalarKind
{
    /// <summary>Empty, ~ or null.</summary>
    Null,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A decimal integer or float.</summary>
    Number,

    /// <summary>Anything else, and every quoted or block scalar.</summary>
    String,
}
