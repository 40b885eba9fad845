using Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>
/// Reads the tags of the objects a plan wants to update or delete on the strength of their ownership marker: one
/// CloudWatch ListTagsForResource each, a few at a time within the client's rate limit. A converged run asks for
/// none. A failed read is kept as a failure, never as "no tags".
/// </summary>
internal sealed class OwnershipTagReader(ICloudWatchClient cloudWatch)
{
    private const int Concurrency = 4;

    /// <summary>Tags by ARN for the reads that worked; failures by ARN for the others.</summary>
    public async Task<OwnershipTags> ReadAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var failures = new Dictionary<string, ObservationFailure>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(Concurrency);
        var reads = arns.Select(async arn =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var found = await cloudWatch.ListTagsForResourceAsync(arn, cancellationToken);
                var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in found)
                {
                    byKey[tag.Key] = tag.Value;
                }

                lock (tags)
                {
                    tags[arn] = byKey;
                }
            }
            catch (AwsServiceException error)
            {
                lock (tags)
                {
                    failures[arn] = new ObservationFailure(
                        $"CloudWatch ListTagsForResource {arn}",
                        $"CloudWatch ListTagsForResource {arn} failed: {error.ErrorCode}: {error.ErrorMessage}",
                        error.Service,
                        error.Operation,
                        error.ErrorCode);
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(reads);
        return new OwnershipTags(tags, failures);
    }
}

/// <summary>What <see cref="OwnershipTagReader"/> read: tags by ARN, and the reads that failed, by ARN.</summary>
internal sealed record OwnershipTags(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tags,
    IReadOnlyDictionary<string, ObservationFailure> Failures);
