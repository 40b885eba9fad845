using Reconciler.Policies;

namespace Reconciler.Tests.Policies;

/// <summary>
/// Every enum a policy can spell has exactly one spelling per table, so a value added to an enum without one fails
/// here rather than at 3 a.m. in a message or a PutMetricAlarm request.
/// </summary>
public sealed class PolicyVocabularyTests
{
    [Fact]
    public void Modes_EveryPolicyMode_HasOneSpelling() => AssertComplete(PolicyVocabulary.Modes);

    [Fact]
    public void ResourceTypes_EveryResourceType_HasOneSpelling() => AssertComplete(PolicyVocabulary.ResourceTypes);

    [Fact]
    public void WidgetResources_EveryResourceType_HasOneSpelling() => AssertComplete(PolicyVocabulary.WidgetResources);

    [Fact]
    public void LambdaTracingModes_EveryLambdaTracingMode_HasOneSpelling() => AssertComplete(PolicyVocabulary.LambdaTracingModes);

    [Fact]
    public void LogFormats_EveryLambdaLogFormat_HasOneSpelling() => AssertComplete(PolicyVocabulary.LogFormats);

    [Fact]
    public void ApplicationLogLevels_EveryLevel_HasOneSpellingAndItIsLambdas() =>
        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], PolicyVocabulary.ApplicationLogLevels.Select(entry => entry.Key));

    [Fact]
    public void SystemLogLevels_EveryLevel_HasOneSpellingAndItIsLambdas() =>
        Assert.Equal(["DEBUG", "INFO", "WARN"], PolicyVocabulary.SystemLogLevels.Select(entry => entry.Key));

    [Fact]
    public void Comparisons_EveryComparisonOperator_HasOneSpelling() => AssertComplete(PolicyVocabulary.Comparisons);

    [Fact]
    public void MissingData_EveryTreatMissingData_HasOneSpelling() => AssertComplete(PolicyVocabulary.MissingData);

    [Fact]
    public void WidgetTypes_EveryWidgetType_HasOneSpelling() => AssertComplete(PolicyVocabulary.WidgetTypes);

    [Fact]
    public void ReportWhens_EveryReportWhen_HasOneSpelling() => AssertComplete(PolicyVocabulary.ReportWhens);

    [Theory]
    [InlineData(nameof(ResourceType.LambdaFunction), "lambda:function")]
    [InlineData(nameof(ResourceType.ApiGatewayStage), "apigateway:stage")]
    public void ResourceTypeName_KnownType_IsThePolicySpelling(string type, string expected) =>
        Assert.Equal(expected, PolicyVocabulary.ResourceTypeName(Enum.Parse<ResourceType>(type)));

    [Theory]
    [InlineData(nameof(TreatMissingData.NotBreaching), "notBreaching")]
    [InlineData(nameof(TreatMissingData.Breaching), "breaching")]
    [InlineData(nameof(TreatMissingData.Ignore), "ignore")]
    [InlineData(nameof(TreatMissingData.Missing), "missing")]
    public void MissingDataName_KnownValue_IsCloudWatchsSpelling(string value, string expected) =>
        Assert.Equal(expected, PolicyVocabulary.MissingDataName(Enum.Parse<TreatMissingData>(value)));

    [Fact]
    public void ComparisonName_EveryValue_IsCloudWatchsSpelling() =>
        // The enum members are named after CloudWatch's ComparisonOperator values, which PutMetricAlarm receives.
        Assert.All(Enum.GetValues<ComparisonOperator>(), value => Assert.Equal(value.ToString(), PolicyVocabulary.ComparisonName(value)));

    [Theory]
    [InlineData(nameof(ReportWhen.OnChange), "onChange")]
    [InlineData(nameof(ReportWhen.Always), "always")]
    [InlineData(nameof(ReportWhen.OnError), "onError")]
    public void WhenName_KnownValue_IsThePolicySpelling(string value, string expected) =>
        Assert.Equal(expected, PolicyVocabulary.WhenName(Enum.Parse<ReportWhen>(value)));

    [Fact]
    public void Spell_ValueWithoutSpelling_ThrowsNamingTheEnumValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PolicyVocabulary.ResourceTypeName((ResourceType)99));

        Assert.Contains("ResourceType.99", error.Message, StringComparison.Ordinal);
    }

    private static void AssertComplete<T>(IReadOnlyList<KeyValuePair<string, T>> table)
        where T : struct, Enum
    {
        Assert.Equal(Enum.GetValues<T>().Order(), table.Select(entry => entry.Value).Order());
        Assert.Equal(table.Count, table.Select(entry => entry.Key).Distinct(StringComparer.Ordinal).Count());
    }
}
