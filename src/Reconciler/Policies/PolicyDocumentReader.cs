using Reconciler.Kinds;
using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>
/// Walks one YAML document into an <see cref="ObservabilityPolicy"/>, applying defaults and reporting every
/// problem through the <see cref="PolicyNodeReader"/>. Returns null when the document had any error.
/// </summary>
internal static class PolicyDocumentReader
{
    private static readonly string[] RootKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataKeys = ["name"];
    private static readonly string[] SpecKeys = ["mode", "selector", "tracing", "alarms", "dashboard", "report", .. SectionKeys("spec")];
    private static readonly string[] SelectorKeys = ["tags", "resourceTypes", "exclude", "matchAll"];
    private static readonly string[] ExcludeKeys = ["names", "tags"];
    private static readonly string[] TracingKeys = ["lambda", "apiGateway", .. SectionKeys("spec.tracing")];
    private static readonly string[] ReportKeys = ["topicArn", "when"];

    /// <summary>Tagging API GetResources limits: at most 50 tag keys and 20 values a key in one filter.</summary>
    private const int MaxTagKeys = 50;
    private const int MaxTagValues = 20;

    public static ReadPolicy? Read(YamlValue document, PolicyNodeReader reader)
    {
        var errorsBefore = reader.ErrorCount;
        var root = reader.Mapping(document, string.Empty, RootKeys);
        if (root is null)
        {
            return null;
        }

        CheckConstant(reader, root, "apiVersion", PolicyVocabulary.ApiVersion);
        CheckConstant(reader, root, "kind", PolicyVocabulary.Kind);
        var (name, nameNode) = ReadMetadata(reader, root);

        if (root["spec"] is not { } specNode)
        {
            reader.Error(root.Mapping, string.Empty,
                "\"spec\" is missing; a policy needs at least spec.selector.tags (or spec.selector.matchAll: true)");
            return null;
        }

        var spec = reader.Mapping(specNode, "spec", SpecKeys);
        if (spec is null)
        {
            return null;
        }

        var mode = Optional(spec["mode"], value => reader.Enum(value, "spec.mode", PolicyVocabulary.Modes), PolicyDefaults.Mode);
        var selector = ReadSelector(reader, spec);
        var resourceTypes = selector?.ResourceTypes ?? PolicyDefaults.ResourceTypes;
        var (tracing, tracingFields) = ReadTracing(reader, spec["tracing"], resourceTypes);
        var sections = ReadSections(reader, new PolicySectionContext(name, resourceTypes, tracing), spec, tracingFields);
        var alarms = AlarmsReader.Read(reader, spec["alarms"], resourceTypes);
        var (dashboard, dashboardNode) = DashboardReader.Read(reader, spec["dashboard"], name ?? string.Empty, resourceTypes);
        var report = ReadReport(reader, spec["report"]);

        if (reader.ErrorCount != errorsBefore || name is null || nameNode is null || selector is null ||
            tracing is null || sections is null || alarms is null || report is null)
        {
            return null;
        }

        var source = new PolicySource(reader.File, document.Line, document.Column);
        var policy = new ObservabilityPolicy(name, source, mode, selector, tracing, alarms, dashboard, report) { Sections = sections };
        return new ReadPolicy(policy, nameNode, dashboardNode);
    }

    /// <summary>Returns <paramref name="fallback"/> when the key is absent, null (as the error signal) when unreadable.</summary>
    internal static T Optional<T>(YamlValue? value, Func<YamlValue, T?> read, T fallback)
        where T : struct => value is null ? fallback : read(value) ?? fallback;

    private static void CheckConstant(PolicyNodeReader reader, MappingFields root, string key, string expected)
    {
        if (root[key] is not { } value)
        {
            reader.Error(root.Mapping, string.Empty, $"\"{key}\" is missing; add {key}: {expected}");
            return;
        }

        if (reader.String(value, key) is { } text && text != expected)
        {
            reader.Error(value, key, $"\"{text}\" is not supported; expected {expected}");
        }
    }

    private static (string? Name, YamlValue? Node) ReadMetadata(PolicyNodeReader reader, MappingFields root)
    {
        if (root["metadata"] is not { } metadataNode)
        {
            reader.Error(root.Mapping, string.Empty, "\"metadata\" is missing; add metadata: { name: my-app } (lowercase letters, digits, '-')");
            return (null, null);
        }

        var metadata = reader.Mapping(metadataNode, "metadata", MetadataKeys);
        if (metadata is null)
        {
            return (null, null);
        }

        if (metadata["name"] is not { } nameNode)
        {
            reader.Error(metadata.Mapping, "metadata", "\"name\" is missing; add name: my-app (lowercase letters, digits, '-')");
            return (null, null);
        }

        var name = reader.String(nameNode, "metadata.name");
        return name is not null && CheckName(reader, name, nameNode, "metadata.name", PolicySyntax.MaxPolicyNameLength)
            ? (name, nameNode)
            : (null, null);
    }

    /// <summary>Shared by metadata.name and alarm names.</summary>
    internal static bool CheckName(PolicyNodeReader reader, string name, YamlValue node, string path, int maxLength)
    {
        if (!PolicySyntax.IsName(name))
        {
            reader.Error(node, path, $"\"{name}\" is not a valid name; use lowercase letters, digits and '-' (not at either end), e.g. \"{Suggestable(name)}\"");
            return false;
        }

        if (name.Length > maxLength)
        {
            reader.Error(node, path, $"\"{name}\" is {name.Length} characters long; the limit is {maxLength}");
            return false;
        }

        return true;
    }

    private static string Suggestable(string name)
    {
        var cleaned = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return cleaned.Length == 0 ? "my-app" : cleaned;
    }

    private static ResourceSelector? ReadSelector(PolicyNodeReader reader, MappingFields spec)
    {
        const string emptySelector =
            "the tag selector is empty, so this policy would cover every Lambda function and API stage in the account; " +
            "add selector.tags (e.g. tags: { app: my-app }) or, if that is really meant, selector.matchAll: true";
        if (spec["selector"] is not { } selectorNode)
        {
            reader.Error(spec.Mapping, "spec", $"\"selector\" is missing: {emptySelector}");
            return null;
        }

        var selector = reader.Mapping(selectorNode, "spec.selector", SelectorKeys);
        if (selector is null)
        {
            return null;
        }

        var tags = selector["tags"] is { } tagsNode ? ReadTagSelector(reader, tagsNode) : new Dictionary<string, IReadOnlyList<string>>();
        var matchAll = Optional(selector["matchAll"], value => reader.Boolean(value, "spec.selector.matchAll"), PolicyDefaults.MatchAll);
        if (tags is { Count: 0 } && !matchAll)
        {
            reader.Error(selector.KeyOf("tags") ?? (YamlValue)selector.Mapping, "spec.selector", emptySelector);
        }

        if (tags is { Count: > 0 } && matchAll)
        {
            reader.Error(selector["matchAll"]!, "spec.selector.matchAll",
                "matchAll: true selects every resource, but tags are also given; remove matchAll or the tags");
        }

        var resourceTypes = selector["resourceTypes"] is { } typesNode ? ReadResourceTypes(reader, typesNode) : PolicyDefaults.ResourceTypes;
        var exclude = selector["exclude"] is { } excludeNode
            ? ReadExclusion(reader, excludeNode)
            : new ExclusionSpec([], new Dictionary<string, string>());

        return tags is null || resourceTypes is null || exclude is null
            ? null
            : new ResourceSelector(tags, resourceTypes, exclude, matchAll);
    }

    private static Dictionary<string, IReadOnlyList<string>>? ReadTagSelector(PolicyNodeReader reader, YamlValue node)
    {
        const string path = "spec.selector.tags";
        var entries = reader.FreeMapping(node, path);
        if (entries is null)
        {
            return null;
        }

        if (entries.Count > MaxTagKeys)
        {
            reader.Error(node, path, $"{entries.Count} tag keys; the tagging API accepts at most {MaxTagKeys}");
        }

        var errorsBefore = reader.ErrorCount;
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = entry.Key.Text;
            var keyPath = $"{path}.{key}";
            if (!CheckTagKey(reader, entry.Key, path))
            {
                continue;
            }

            if (entry.Value is YamlSequence sequence)
            {
                if (sequence.Items.Count == 0)
                {
                    reader.Error(sequence, keyPath, "an empty list of tag values matches nothing; give at least one value");
                    continue;
                }

                if (sequence.Items.Count > MaxTagValues)
                {
                    reader.Error(sequence, keyPath, $"{sequence.Items.Count} values; the tagging API accepts at most {MaxTagValues} a key");
                    continue;
                }

                var values = reader.StringList(sequence, keyPath, (text, at, itemPath) => CheckTagValue(reader, text, at, itemPath));
                if (values is not null)
                {
                    tags[key] = values;
                }
            }
            else if (entry.Value is YamlScalar && reader.String(entry.Value, keyPath) is { } single &&
                     CheckTagValue(reader, single, entry.Value, keyPath))
            {
                tags[key] = [single];
            }
            else if (entry.Value is YamlMapping)
            {
                reader.Error(entry.Value, keyPath, "a tag value must be a string or a list of strings, got a mapping");
            }
        }

        // A selector with a bad entry is not an empty selector: return null so only the real problem is reported.
        return reader.ErrorCount == errorsBefore ? tags : null;
    }

    private static bool CheckTagKey(PolicyNodeReader reader, YamlScalar key, string path)
    {
        if (key.Kind != YamlScalarKind.String)
        {
            reader.Error(key, path, $"tag key {key.Text} must be a string; quote it: \"{key.Text}\"");
            return false;
        }

        if (key.Text.Length is 0 or > 128)
        {
            reader.Error(key, path, "a tag key must be 1 to 128 characters long");
            return false;
        }

        return true;
    }

    private static bool CheckTagValue(PolicyNodeReader reader, string value, YamlValue at, string path)
    {
        if (value.Length > 256)
        {
            reader.Error(at, path, "a tag value must be at most 256 characters long");
            return false;
        }

        return true;
    }

    private static IReadOnlyList<ResourceType>? ReadResourceTypes(PolicyNodeReader reader, YamlValue node)
    {
        const string path = "spec.selector.resourceTypes";
        var sequence = reader.Sequence(node, path);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            reader.Error(sequence, path, "an empty list selects nothing; list lambda:function and/or apigateway:stage, or remove the key for both");
            return null;
        }

        var types = new List<ResourceType>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var type = reader.Enum(sequence.Items[i], $"{path}[{i}]", PolicyVocabulary.ResourceTypes);
            if (type is null)
            {
                return null;
            }

            if (types.Contains(type.Value))
            {
                reader.Error(sequence.Items[i], $"{path}[{i}]", $"{PolicyVocabulary.Spell(PolicyVocabulary.ResourceTypes, type.Value)} is listed twice; remove one");
                return null;
            }

            types.Add(type.Value);
        }

        return [.. types.Order()];
    }

    private static ExclusionSpec? ReadExclusion(PolicyNodeReader reader, YamlValue node)
    {
        const string path = "spec.selector.exclude";
        var exclude = reader.Mapping(node, path, ExcludeKeys);
        if (exclude is null)
        {
            return null;
        }

        IReadOnlyList<string>? names = [];
        if (exclude["names"] is { } namesNode)
        {
            names = reader.StringList(namesNode, $"{path}.names", (text, at, itemPath) =>
            {
                if (text.Length > 0)
                {
                    return true;
                }

                reader.Error(at, itemPath, "an empty glob matches nothing; remove it");
                return false;
            });
        }

        Dictionary<string, string>? tags = [];
        if (exclude["tags"] is { } tagsNode && reader.FreeMapping(tagsNode, $"{path}.tags") is { } entries)
        {
            foreach (var entry in entries)
            {
                var valuePath = $"{path}.tags.{entry.Key.Text}";
                if (CheckTagKey(reader, entry.Key, $"{path}.tags") &&
                    reader.String(entry.Value, valuePath) is { } value && CheckTagValue(reader, value, entry.Value, valuePath))
                {
                    tags[entry.Key.Text] = value;
                }
            }
        }

        return names is null ? null : new ExclusionSpec(names, tags);
    }

    /// <summary>The keys the declared sections (<see cref="ManagedKinds.PolicySections"/>) add to the mapping at <paramref name="parent"/>.</summary>
    private static IEnumerable<string> SectionKeys(string parent) =>
        ManagedKinds.PolicySections.Where(section => section.Parent == parent).Select(section => section.Key);

    /// <summary>
    /// Each declared section present in the document, read by its own reader; null when any had an error. A section under
    /// spec.tracing is read only when spec.tracing is a readable mapping.
    /// </summary>
    private static TypedBag<IPolicySection>? ReadSections(
        PolicyNodeReader reader, PolicySectionContext context, MappingFields spec, MappingFields? tracing)
    {
        var sections = PolicySections.None;
        var failed = false;
        foreach (var section in ManagedKinds.PolicySections)
        {
            var parent = section.Parent switch
            {
                "spec" => spec,
                "spec.tracing" => tracing,
                _ => throw new InvalidOperationException($"policy section {section.Path}: sections live under spec or spec.tracing"),
            };
            if (parent?[section.Key] is { } node)
            {
                var read = section.Read(reader, node, context, sections);
                failed |= read is null;
                sections = read ?? sections;
            }
        }

        return failed ? null : sections;
    }

    private static (TracingSpec? Spec, MappingFields? Fields) ReadTracing(PolicyNodeReader reader, YamlValue? node, IReadOnlyList<ResourceType> resourceTypes)
    {
        if (node is null)
        {
            return (new TracingSpec(null, null), null);
        }

        var tracing = reader.Mapping(node, "spec.tracing", TracingKeys);
        if (tracing is null)
        {
            return (null, null);
        }

        LambdaTracingMode? lambda = tracing["lambda"] is { } lambdaNode
            ? reader.Enum(lambdaNode, "spec.tracing.lambda", PolicyVocabulary.LambdaTracingModes)
            : null;
        bool? apiGateway = tracing["apiGateway"] is { } apiNode ? reader.Boolean(apiNode, "spec.tracing.apiGateway") : null;
        if (lambda is not null)
        {
            RequireSelected(reader, tracing["lambda"]!, "spec.tracing.lambda", ResourceType.LambdaFunction, resourceTypes);
        }

        if (apiGateway is not null)
        {
            RequireSelected(reader, tracing["apiGateway"]!, "spec.tracing.apiGateway", ResourceType.ApiGatewayStage, resourceTypes);
        }

        return (new TracingSpec(lambda, apiGateway), tracing);
    }

    /// <summary>A setting for a resource type the selector leaves out would silently do nothing: say so.</summary>
    internal static void RequireSelected(PolicyNodeReader reader, YamlValue at, string path, ResourceType type, IReadOnlyList<ResourceType> resourceTypes)
    {
        if (!resourceTypes.Contains(type))
        {
            var spelling = PolicyVocabulary.Spell(PolicyVocabulary.ResourceTypes, type);
            reader.Error(at, path, $"applies to {spelling}, but spec.selector.resourceTypes leaves it out; add {spelling} there or remove this setting");
        }
    }

    private static ReportSpec? ReadReport(PolicyNodeReader reader, YamlValue? node)
    {
        if (node is null)
        {
            return new ReportSpec(null, PolicyDefaults.Report);
        }

        var report = reader.Mapping(node, "spec.report", ReportKeys);
        if (report is null)
        {
            return null;
        }

        string? topicArn = null;
        if (report["topicArn"] is { } topicNode &&
            reader.String(topicNode, "spec.report.topicArn") is { } text &&
            SnsArns.Check(reader, text, topicNode, "spec.report.topicArn", SnsTopicUse.Report))
        {
            topicArn = text;
        }

        var when = Optional(report["when"], value => reader.Enum(value, "spec.report.when", PolicyVocabulary.ReportWhens), PolicyDefaults.Report);
        return new ReportSpec(topicArn, when);
    }
}

/// <summary>A policy read from a document, with the nodes the cross-document checks point at.</summary>
internal sealed record ReadPolicy(ObservabilityPolicy Policy, YamlValue NameNode, YamlValue? DashboardNameNode);

/// <summary>What an SNS topic in a policy is for; FIFO topics fail differently for each.</summary>
internal enum SnsTopicUse
{
    /// <summary>spec.alarms.actions: CloudWatch publishes to it when an alarm changes state.</summary>
    AlarmAction,

    /// <summary>spec.report.topicArn: the reconciler publishes its drift report to it.</summary>
    Report,
}

/// <summary>SNS topic ARN checks shared by alarm actions and the report topic.</summary>
internal static class SnsArns
{
    public static bool Check(PolicyNodeReader reader, string arn, YamlValue at, string path, SnsTopicUse use)
    {
        if (arn.EndsWith(PolicySyntax.FifoTopicSuffix, StringComparison.Ordinal) &&
            PolicySyntax.IsSnsTopicArn(arn[..^PolicySyntax.FifoTopicSuffix.Length]))
        {
            reader.Error(at, path, use switch
            {
                // SNS Publish: "For FIFO topics ... Every message must include a MessageGroupId"
                // (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html); the report publisher sends none.
                SnsTopicUse.Report =>
                    $"\"{arn}\" is a FIFO topic; SNS refuses a publish to a FIFO topic without a MessageGroupId, and the reconciler " +
                    "sends none, so every drift report would fail. Use a standard topic (a name without .fifo)",

                // PutMetricAlarm takes an action as a bare ARN, with no way to give the MessageGroupId that SNS Publish
                // requires for FIFO topics (API_Publish above; botocore cloudwatch 2010-08-01 PutMetricAlarmInput.AlarmActions),
                // and a FIFO topic delivers only to SQS queues, never to e-mail, SMS, HTTPS or chat
                // (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html). No CloudWatch page documents
                // FIFO topics as alarm actions, so they are refused rather than left to fail silently at 3 a.m.
                _ =>
                    $"\"{arn}\" is a FIFO topic; CloudWatch alarm actions cannot give the MessageGroupId SNS requires for FIFO topics, " +
                    "and FIFO topics only deliver to SQS queues, so nobody would be paged. Use a standard topic (a name without .fifo)",
            });
            return false;
        }

        if (PolicySyntax.IsSnsTopicArn(arn))
        {
            return true;
        }

        reader.Error(at, path,
            $"\"{arn}\" is not an SNS topic ARN; expected arn:aws:sns:REGION:ACCOUNT:TOPIC with a 12-digit account, " +
            "e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (partition aws, aws-cn or aws-us-gov)");
        return false;
    }
}
