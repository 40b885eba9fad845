namespace Reconciler.Policies;

/// <summary>
/// What <see cref="PolicyLoader"/> found: the policies whose documents had no error, every error (sorted by file,
/// line, column), and how many files were read. Callers must not act on <see cref="Policies"/> unless
/// <see cref="IsValid"/>: one bad document means the set of policies is not what the user meant.
/// </summary>
internal sealed record PolicyLoadResult(IReadOnlyList<ObservabilityPolicy> Policies, IReadOnlyList<PolicyError> Errors, int FileCount)
{
    /// <summary>True when no error was found.</summary>
    public bool IsValid => Errors.Count == 0;
}
