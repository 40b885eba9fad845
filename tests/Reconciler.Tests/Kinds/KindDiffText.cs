using Reconciler.Kinds;
using Reconciler.Planning;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds;

/// <summary>A <see cref="KindDiff"/> as lines a table can compare and a failing test prints as -want +got.</summary>
internal static class KindDiffText
{
    /// <summary>First line: the case (and claim or conflict kind); then one line per field.</summary>
    public static IReadOnlyList<string> Lines(KindDiff diff) => diff switch
    {
        KindDiff.Create create => ["create", .. create.Fields.Select(Describe)],
        KindDiff.Update update => [$"update claim={Claim(update.Claim)}", .. update.Fields.Select(Describe)],
        KindDiff.Delete delete => [$"delete claim={Claim(delete.Claim)}", .. delete.Fields.Select(Describe)],
        KindDiff.InSync => ["in sync"],
        KindDiff.Conflict conflict => [$"conflict {conflict.Kind}"],
        _ => throw new ArgumentOutOfRangeException(nameof(diff), diff.GetType().Name, "not a KindDiff case"),
    };

    /// <summary>The first line only: the case, its claim or conflict kind.</summary>
    public static string Case(KindDiff diff) => Lines(diff)[0];

    private static string Claim(OwnershipClaim? claim) => claim is null ? "none" : $"{claim.Owner ?? "(legacy)"}/{claim.PolicyName}";
}
