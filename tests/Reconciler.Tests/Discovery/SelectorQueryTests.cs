using Reconciler.Discovery;
using Reconciler.Policies;

namespace Reconciler.Tests.Discovery;

public sealed class SelectorQueryTests
{
    private static ResourceSelector Selector(Dictionary<string, IReadOnlyList<string>> tags, params ResourceType[] types) =>
        new(tags, types.Length == 0 ? [ResourceType.LambdaFunction, ResourceType.ApiGatewayStage] : types, new ExclusionSpec([], new Dictionary<string, string>()), MatchAll: tags.Count == 0);

    [Fact]
    public void For_TagsAndTypes_BuildsSortedServerSideFilters()
    {
        var request = SelectorQuery.For(Selector(new() { ["env"] = ["prod", "dev"], ["app"] = ["pm"] }));

        Assert.Equal(["app", "env"], request.TagFilters.Select(f => f.Key));
        Assert.Equal(["dev", "prod"], request.TagFilters[1].Values);
        Assert.Equal(["apigateway", "lambda:function"], request.ResourceTypeFilters);
    }

    [Fact]
    public void For_LambdaOnly_AsksOnlyForFunctions()
    {
        var request = SelectorQuery.For(Selector(new() { ["app"] = ["pm"] }, ResourceType.LambdaFunction));

        Assert.Equal(["lambda:function"], request.ResourceTypeFilters);
    }

    [Theory]
    [InlineData("app=pm,env=prod", true)]
    [InlineData("app=pm,env=dev", true)]
    [InlineData("app=pm,env=test", false)]
    [InlineData("app=pm", false)]
    [InlineData("app=other,env=prod", false)]
    public void Matches_AllKeysAnyValue(string tags, bool expected)
    {
        var selector = Selector(new() { ["app"] = ["pm"], ["env"] = ["prod", "dev"] });
        var resourceTags = tags.Split(',').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.Equal(expected, SelectorQuery.Matches(selector, resourceTags));
    }
}
