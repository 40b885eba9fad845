using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;

namespace Reconciler.Kinds;

/// <summary>
/// Lists X-Ray groups or sampling rules and reads the tags of those whose names start with this deployment's prefix
/// (at most 25 of each per Region): the observation of both X-Ray kinds, whose tags are their ownership proof.
/// </summary>
internal static class XRayTagReads
{
    /// <summary>
    /// The listed objects under the owned prefix with their tags (null for a tag read that failed), and the reads that
    /// failed; null objects when the listing itself failed.
    /// </summary>
    /// <param name="list">The listing.</param>
    /// <param name="listing">Its name for messages: "X-Ray GetGroups".</param>
    /// <param name="nameOf">An object's name.</param>
    /// <param name="arnOf">An object's ARN, null when the answer has none (its tags cannot be read).</param>
    /// <param name="owner">This deployment's owner id.</param>
    /// <param name="what">What is listed, for messages: "group", "sampling rule".</param>
    public static async Task<(IReadOnlyList<(T Item, IReadOnlyDictionary<string, string>? Tags)>? Objects, IReadOnlyList<ObservationFailure> Failures)> ListOwnedAsync<T>(
        IAccountReader aws,
        Func<CancellationToken, IAsyncEnumerable<T>> list,
        string listing,
        Func<T, string> nameOf,
        Func<T, string?> arnOf,
        string owner,
        string what,
        CancellationToken cancellationToken)
    {
        var prefix = XRayNaming.Prefix(owner);
        var listed = await Listing<List<T>>.CaptureAsync(
            async ct =>
            {
                var found = new List<T>();
                await foreach (var item in list(ct))
                {
                    if (nameOf(item).StartsWith(prefix, StringComparison.Ordinal))
                    {
                        found.Add(item);
                    }
                }

                return found;
            },
            [],
            listing,
            cancellationToken);
        if (listed.Failure is { } failed)
        {
            return (null, [failed]);
        }

        var objects = new List<(T, IReadOnlyDictionary<string, string>?)>();
        var failures = new List<ObservationFailure>();
        foreach (var item in listed.Items)
        {
            if (arnOf(item) is not { } arn)
            {
                objects.Add((item, null));
                continue;
            }

            var read = await Listing<IReadOnlyDictionary<string, string>?>.CaptureAsync(
                async ct => (await aws.ListXRayTagsAsync(arn, ct)).ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal),
                null,
                $"X-Ray ListTagsForResource of {what} {nameOf(item)}",
                cancellationToken);
            objects.Add((item, read.Items));
            if (read.Failure is { } failure)
            {
                failures.Add(failure);
            }
        }

        return (objects, failures);
    }
}
