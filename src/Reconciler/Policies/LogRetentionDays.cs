using System.Globalization;

namespace Reconciler.Policies;

/// <summary>
/// CloudWatch Logs' retention values: PutRetentionPolicy accepts only these numbers of days (the API model's Days
/// shape lists them); "never expire" is the absence of a retention policy.
/// </summary>
internal static class LogRetentionDays
{
    /// <summary>Every retention PutRetentionPolicy accepts, in days, ascending.</summary>
    public static IReadOnlyList<int> AllowedDays { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>True when CloudWatch Logs accepts <paramref name="days"/> as a retention.</summary>
    public static bool IsAllowed(int days) => AllowedDays.Contains(days);

    /// <summary>How plans and reports show a retention: "30 days", "1 day", or "never" (no retention policy).</summary>
    public static string Describe(int? days) => days switch
    {
        null => "never",
        1 => "1 day",
        _ => string.Create(CultureInfo.InvariantCulture, $"{days} days"),
    };

    /// <summary>
    /// True when going from <paramref name="before"/> to <paramref name="after"/> makes CloudWatch Logs delete events
    /// that it keeps today: any finite retention shorter than the current one, or any retention where there was none.
    /// </summary>
    public static bool Shortens(int? before, int after) => before is null || after < before;
}
