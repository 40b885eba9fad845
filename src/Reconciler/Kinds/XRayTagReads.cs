using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Kinds;

/// <summary>
/// Reads the tags of the X-Ray groups or sampling rules whose names start with this deployment's prefix (at most 25
/// of each per Region): the ownership proof of both kinds. A read that fails leaves that object's tags unknown.
/// </summary>
internal static class XRayTagReads
{
    /// <summary>Tags by ARN (null for a failed read), and the failures.</summary>
    public static async Task<(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> Tags, IReadOnlyList<ObservationFailure> Failures)> ReadAsync(
        IAccountReader aws, IEnumerable<(string Name, string Arn)> objects, string what, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
        var failures = new List<ObservationFailure>();
        foreach (var (name, arn) in objects)
        {
            var read = await Listing<IReadOnlyDictionary<string, string>?>.CaptureAsync(
                async ct => (await aws.ListXRayTagsAsync(arn, ct)).ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal),
                null,
                $"X-Ray ListTagsForResource of {what} {name}",
                cancellationToken);
            tags[arn] = read.Items;
            if (read.Failure is { } failure)
            {
                failures.Add(failure);
            }
        }

        return (tags, failures);
    }
}
