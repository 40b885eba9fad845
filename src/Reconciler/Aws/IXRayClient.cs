namespace Reconciler.Aws;

/// <summary>
/// AWS X-Ray's control plane (groups, sampling rules, their tags) and the service graph the trace-arrival check reads.
/// </summary>
internal interface IXRayClient
{
    /// <summary>GetGroups, following every NextToken. The account's built-in "Default" group is among them.</summary>
    IAsyncEnumerable<XRayGroup> GetGroupsAsync(CancellationToken cancellationToken);

    /// <summary>CreateGroup with a filter expression and tags (none sent when empty); returns the created group.</summary>
    Task<XRayGroup> CreateGroupAsync(string groupName, string filterExpression, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>UpdateGroup of the group with that ARN: replaces its filter expression.</summary>
    Task<XRayGroup> UpdateGroupAsync(string groupArn, string filterExpression, CancellationToken cancellationToken);

    /// <summary>DeleteGroup of the group with that ARN.</summary>
    Task DeleteGroupAsync(string groupArn, CancellationToken cancellationToken);

    /// <summary>GetSamplingRules, following every NextToken. The built-in "Default" rule is among them.</summary>
    IAsyncEnumerable<XRaySamplingRule> GetSamplingRulesAsync(CancellationToken cancellationToken);

    /// <summary>CreateSamplingRule (Version 1) with tags (none sent when empty).</summary>
    Task CreateSamplingRuleAsync(XRaySamplingRule rule, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>UpdateSamplingRule of the rule named <see cref="XRaySamplingRule.RuleName"/>: every member it carries.</summary>
    Task UpdateSamplingRuleAsync(XRaySamplingRule rule, CancellationToken cancellationToken);

    /// <summary>DeleteSamplingRule of the rule with that name.</summary>
    Task DeleteSamplingRuleAsync(string ruleName, CancellationToken cancellationToken);

    /// <summary>ListTagsForResource of a group or sampling rule ARN, following every NextToken.</summary>
    Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>
    /// GetServiceGraph for [<paramref name="startTime"/>, <paramref name="endTime"/>], of one group's traces when
    /// <paramref name="groupName"/> is set, following every NextToken.
    /// </summary>
    Task<IReadOnlyList<ServiceGraphNode>> GetServiceGraphAsync(DateTimeOffset startTime, DateTimeOffset endTime, string? groupName, CancellationToken cancellationToken);
}

/// <summary>An X-Ray group: its name, ARN and filter expression (null: every trace).</summary>
internal sealed record XRayGroup(string GroupName, string GroupArn, string? FilterExpression);

/// <summary>
/// An X-Ray sampling rule, member for member as X-Ray names them. String matchers take the wildcards * and ?.
/// FixedRate is 0..1, Priority 1..9999 (lower first), ReservoirSize requests per second before the fixed rate applies.
/// RuleArn is null in a rule that is about to be created.
/// </summary>
internal sealed record XRaySamplingRule(
    string RuleName,
    string? RuleArn,
    string ResourceArn,
    int Priority,
    double FixedRate,
    int ReservoirSize,
    string ServiceName,
    string ServiceType,
    string Host,
    string HttpMethod,
    string UrlPath,
    int Version = 1);

/// <summary>
/// One node of a service graph: its name (and every name it has been seen under), its type (for example
/// AWS::Lambda::Function; null for a node X-Ray gives no type) and how many requests it served in the window.
/// </summary>
internal sealed record ServiceGraphNode(string Name, IReadOnlyList<string> Names, string? Type, long RequestCount);
