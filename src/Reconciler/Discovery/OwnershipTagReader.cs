using Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>
/// Reads the tags of the objects a plan wants to update or delete on the strength of their ownership marker: one
/// CloudWatch ListTagsForResource each, a few at a time within the client's rate limit. A converged run asks for
/// none. A failed read is kept as a failure, never as "no tags".
/// </summary>
internal sealed class OwnershipTagReader(IAccountReader aws)
{
    private const int Concurrency = 4;

    /// <summary>Tags by ARN for the reads that worked; failures by ARN for the others.</summary>
    public async Task<OwnershipTags> ReadAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        var reads = await Task.WhenAll(arns.Select(async arn =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                return (Arn: arn, Read: await Listing<IReadOnlyDictionary<string, string>>.CaptureAsync(
                    async ct => (await aws.ListTagsForResourceAsync(arn, ct))
                        .GroupBy(tag => tag.Key, StringComparer.Ordinal)
                        .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal),
                    new Dictionary<string, string>(),
                    $"CloudWatch ListTagsForResource {arn}",
                    cancellationToken));
            }
            finally
            {
                slots.Release();
            }
        }));

        return new OwnershipTags(
            reads.Where(read => read.Read.Complete).ToDictionary(read => read.Arn, read => read.Read.Items, StringComparer.Ordinal),
            reads.Where(read => !read.Read.Complete).ToDictionary(read => read.Arn, read => read.Read.Failure!, StringComparer.Ordinal));
    }
}

/// <summary>What <see cref="OwnershipTagReader"/> read: tags by ARN, and the reads that failed, by ARN.</summary>
internal sealed record OwnershipTags(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tags,
    IReadOnlyDictionary<string, ObservationFailure> Failures);
