using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Policies;

/// <summary>
/// The textual rules of policy values. Each pattern is anchored with \A and \z: in .NET, "$" also matches before
/// a final "\n", so a block scalar such as "name: |" followed by "orders" (the text "orders\n") would pass a
/// "^...$" pattern. policies/policy-v1.schema.json holds each pattern as <see cref="ToJsonSchema"/> spells it;
/// the schema agreement test fails when they drift apart.
/// </summary>
internal static partial class PolicySyntax
{
    /// <summary>metadata.name and alarm names: lowercase letters, digits and '-', not starting or ending with '-'.</summary>
    public const string NamePattern = @"\A[a-z0-9]([a-z0-9-]*[a-z0-9])?\z";

    /// <summary>Longest metadata.name: it becomes part of every alarm name, which CloudWatch caps at 255.</summary>
    public const int MaxPolicyNameLength = 63;

    /// <summary>Longest alarm rule name.</summary>
    public const int MaxAlarmNameLength = 64;

    /// <summary>CloudWatch dashboard names: letters, digits, '-' and '_', at most 255.</summary>
    public const string DashboardNamePattern = @"\A[A-Za-z0-9_-]{1,255}\z";

    /// <summary>A statistic or a percentile pNN / pNN.N / pNN.NN strictly between 0 and 100.</summary>
    public const string StatisticPattern =
        @"\A(Sum|Average|Minimum|Maximum|SampleCount|p([1-9][0-9]?(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?)))\z";

    /// <summary>
    /// arn:aws[-cn|-us-gov]:sns:REGION:ACCOUNT(12 digits):TOPIC, a standard topic. FIFO topics (TOPIC.fifo) are
    /// refused, with their own message: see <see cref="FifoTopicSuffix"/>.
    /// </summary>
    public const string SnsTopicArnPattern = @"\Aarn:aws(-cn|-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}\z";

    /// <summary>The name suffix every FIFO SNS topic has (SNS requires it of FIFO topics and refuses it on standard ones).</summary>
    public const string FifoTopicSuffix = ".fifo";

    /// <summary>
    /// Alarm periods, in seconds. PutMetricAlarm accepts 10, 20, 30 and any multiple of 60, but 10, 20 and 30 are
    /// only for high-resolution metrics (PutMetricData with StorageResolution 1). Every metric a policy can name
    /// (AWS/Lambda, AWS/ApiGateway) is published once a minute, so on them a sub-minute alarm lapses into
    /// INSUFFICIENT_DATA and is billed as a high-resolution alarm: only multiples of 60 are accepted.
    /// </summary>
    public static bool IsValidPeriod(int seconds) => seconds >= 60 && seconds % 60 == 0;

    /// <summary>PutMetricAlarm: period * evaluationPeriods must not exceed seven days...</summary>
    public const int MaxEvaluationSeconds = 604_800;

    /// <summary>...nor one day when the period is shorter than an hour.</summary>
    public const int MaxShortPeriodEvaluationSeconds = 86_400;

    /// <summary>Periods shorter than this are limited to <see cref="MaxShortPeriodEvaluationSeconds"/> of evaluation.</summary>
    public const int LongPeriodSeconds = 3_600;

    /// <summary>
    /// The longest total evaluation (period * evaluationPeriods) PutMetricAlarm accepts for <paramref name="period"/>
    /// (botocore cloudwatch 2010-08-01, PutMetricAlarmInput.Period: "can't be more than 604,800 seconds. For alarms
    /// with a period of less than one hour (3,600 seconds), the total evaluation period can't be longer than one day").
    /// </summary>
    public static int MaxEvaluationSecondsFor(int period) =>
        period < LongPeriodSeconds ? MaxShortPeriodEvaluationSeconds : MaxEvaluationSeconds;

    public static bool IsName(string text) => NameRegex().IsMatch(text);

    public static bool IsDashboardName(string text) => DashboardNameRegex().IsMatch(text);

    public static bool IsStatistic(string text) => StatisticRegex().IsMatch(text);

    public static bool IsSnsTopicArn(string text) => SnsTopicArnRegex().IsMatch(text);

    /// <summary>
    /// <paramref name="pattern"/> as JSON Schema (ECMA-262) spells it. "\z" does not exist in ECMA-262 (without the
    /// u flag it is a literal "z"), so the end is written "$(?!\n)": in ECMA-262 "$" alone is already the end of the
    /// text, and the lookahead makes .NET-based validators (which let "$" match before a final "\n") agree.
    /// </summary>
    public static string ToJsonSchema(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.StartsWith(@"\A", StringComparison.Ordinal) || !pattern.EndsWith(@"\z", StringComparison.Ordinal))
        {
            throw new ArgumentException("policy patterns are anchored with \\A and \\z", nameof(pattern));
        }

        return string.Concat("^", pattern.AsSpan(2, pattern.Length - 4), @"$(?!\n)");
    }

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
