namespace Reconciler.Policies;

/// <summary>
/// One problem in a policy file, at a 1-based line and column. <see cref="File"/> is relative to what the user
/// passed (the directory given to <see cref="PolicyLoader.LoadDirectory"/> or the display path of
/// <see cref="PolicyLoader.LoadText"/>), so the printed form can be clicked in an editor or a CI log.
/// Line and column are 0 when the error is about the directory itself (missing, or holding no policy file).
/// </summary>
internal sealed record PolicyError(string File, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
