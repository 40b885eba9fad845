namespace Reconciler.Reporting;

/// <summary>
/// Optional ANSI colour for terminals. Off by default: reports go to email and logs, where escape codes are noise.
/// </summary>
internal sealed record TextStyle(bool Color)
{
    /// <summary>No colour: the default for files, email and pipes.</summary>
    public static TextStyle Plain { get; } = new(false);

    /// <summary>ANSI colour for an interactive terminal.</summary>
    public static TextStyle Ansi { get; } = new(true);

    /// <summary>Green, for creations.</summary>
    public string Green(string text) => Wrap("32", text);

    /// <summary>Yellow, for updates.</summary>
    public string Yellow(string text) => Wrap("33", text);

    /// <summary>Red, for deletions and failures.</summary>
    public string Red(string text) => Wrap("31", text);

    /// <summary>Magenta, for conflicts.</summary>
    public string Magenta(string text) => Wrap("35", text);

    /// <summary>Bold, for headings.</summary>
    public string Bold(string text) => Wrap("1", text);

    private string Wrap(string code, string text) => Color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
