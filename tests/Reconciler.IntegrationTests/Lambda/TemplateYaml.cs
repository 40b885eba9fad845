using YamlDotNet.RepresentationModel;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>template.yaml as YamlDotNet's representation model: intrinsic functions stay visible as node tags.</summary>
internal static class TemplateYaml
{
    public static readonly string TemplatePath = Path.Combine(NativeBootstrapFixture.RepositoryRoot, "template.yaml");

    public static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(TemplatePath))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    public static YamlNode Child(YamlNode node, string key) =>
        TryChild(node, key) ?? throw new InvalidOperationException($"template.yaml: no '{key}' under {node.Start}.");

    public static YamlNode? TryChild(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    /// <summary>A node's intrinsic tag ("!Ref", "!GetAtt", "!If") or "" for a plain node.</summary>
    public static string TagOf(YamlNode node) => node.Tag.IsEmpty ? "" : node.Tag.Value;
}
