using Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>
/// The result of listing something: the items seen, and whether the listing finished. A listing that failed part-way
/// keeps what it saw but is marked incomplete, so nothing is ever pruned on the strength of it.
/// </summary>
internal sealed record Listing<T>(T Items, ObservationFailure? Failure)
{
    /// <summary>True when every page was read.</summary>
    public bool Complete => Failure is null;

    /// <summary>
    /// Runs <paramref name="list"/>; an AWS failure becomes an incomplete listing. The clients already turn network
    /// failures and unusable credentials into <see cref="AwsServiceException"/> (ConnectionFailure, CredentialsUnavailable).
    /// </summary>
    public static async Task<Listing<T>> CaptureAsync(Func<CancellationToken, Task<T>> list, T empty, string what, CancellationToken cancellationToken)
    {
        try
        {
            return new Listing<T>(await list(cancellationToken), Failure: null);
        }
        catch (AwsServiceException error)
        {
            return new Listing<T>(empty, new ObservationFailure(what, $"{what} failed: {error.ErrorCode}: {error.ErrorMessage}", error.Service, error.Operation, error.ErrorCode));
        }
    }
}

/// <summary>A listing or read that failed, with the AWS error code when AWS answered.</summary>
/// <param name="What">What was being read, e.g. "Lambda ListFunctions".</param>
/// <param name="Message">A sentence for the report.</param>
internal sealed record ObservationFailure(string What, string Message, string? Service, string? Operation, string? ErrorCode);
