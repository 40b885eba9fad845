using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Policies;

/// <summary>
/// The textual rules of policy values. Each pattern is repeated verbatim in policies/policy-v1.schema.json;
/// the schema agreement test fails when they drift apart.
/// </summary>
internal static partial class PolicySyntax
{
    /// <summary>metadata.name and alarm names: lowercase letters, digits and '-', not starting or ending with '-'.</summary>
    public const string NamePattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    /// <summary>Longest metadata.name: it becomes part of every alarm name, which CloudWatch caps at 255.</summary>
    public const int MaxPolicyNameLength = 63;

    /// <summary>Longest alarm rule name.</summary>
    public const int MaxAlarmNameLength = 64;

    /// <summary>CloudWatch dashboard names: letters, digits, '-' and '_', at most 255.</summary>
    public const string DashboardNamePattern = "^[A-Za-z0-9_-]{1,255}$";

    /// <summary>A statistic or a percentile pNN / pNN.N / pNN.NN strictly between 0 and 100.</summary>
    public const string StatisticPattern =
        "^(Sum|Average|Minimum|Maximum|SampleCount|p([1-9][0-9]?(\\.[0-9]{1,2})?|0\\.(0[1-9]|[1-9][0-9]?)))$";

    /// <summary>arn:aws[-cn|-us-gov]:sns:REGION:ACCOUNT(12 digits):TOPIC (TOPIC may end in .fifo).</summary>
    public const string SnsTopicArnPattern = "^arn:aws(-cn|-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$";

    /// <summary>CloudWatch accepts these periods (seconds) for standard-resolution metrics.</summary>
    public static bool IsValidPeriod(int seconds) => seconds is 10 or 30 || (seconds >= 60 && seconds % 60 == 0);

    /// <summary>CloudWatch: evaluationPeriods * period must not exceed one day.</summary>
    public const int MaxEvaluationSeconds = 86_400;

    public static bool IsName(string text) => NameRegex().IsMatch(text);

    public static bool IsDashboardName(string text) => DashboardNameRegex().IsMatch(text);

    public static bool IsStatistic(string text) => StatisticRegex().IsMatch(text);

    public static bool IsSnsTopicArn(string text) => SnsTopicArnRegex().IsMatch(text);

    public static string Quote(string text) => string.Create(CultureInfo.InvariantCulture, $"\"{text}\"");

    [GeneratedRegex(NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex(DashboardNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex DashboardNameRegex();

    [GeneratedRegex(StatisticPattern, RegexOptions.CultureInvariant)]
    private static partial Regex StatisticRegex();

    [GeneratedRegex(SnsTopicArnPattern, RegexOptions.CultureInvariant)]
    private static partial Regex SnsTopicArnRegex();
}
