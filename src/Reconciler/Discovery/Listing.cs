using Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>
/// The result of listing something: the items seen, and whether the listing finished. A listing that failed part-way
/// keeps what it saw but is marked incomplete, so nothing is ever pruned on the strength of it.
/// </summary>
internal sealed record Listing<T>(T Items, bool Complete, string? FailureReason)
{
    /// <summary>Runs <paramref name="list"/>; an AWS or network failure becomes an incomplete listing.</summary>
    public static async Task<Listing<T>> CaptureAsync(Func<CancellationToken, Task<T>> list, T empty, string what, CancellationToken cancellationToken)
    {
        try
        {
            return new Listing<T>(await list(cancellationToken), Complete: true, FailureReason: null);
        }
        catch (AwsServiceException error)
        {
            return new Listing<T>(empty, Complete: false, $"{what} failed: {error.ErrorCode}: {error.ErrorMessage}");
        }
        catch (HttpRequestException error)
        {
            return new Listing<T>(empty, Complete: false, $"{what} failed: {error.Message}");
        }
    }
}
