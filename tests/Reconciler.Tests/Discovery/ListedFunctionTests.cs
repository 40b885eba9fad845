using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Tests.Discovery;

public class ListedFunctionTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";

    [Fact]
    public void Group_AllVersionsListing_LatestIsTheFunctionAndPublishedVersionsKeepTheirTracing()
    {
        var listed = ListedFunction.Group(
        [
            Entry("orders-api", Arn + ":1", "PassThrough", "1"),
            Entry("orders-api", Arn + ":$LATEST", "Active", "$LATEST"),
            Entry("orders-api", Arn + ":2", "Active", "2"),
        ]);

        var function = Assert.Single(listed).Value;
        Assert.Equal(Arn, function.Latest.FunctionArn);
        Assert.Equal("Active", function.Latest.TracingMode);
        Assert.Equal(new Dictionary<string, string> { ["1"] = "PassThrough", ["2"] = "Active" }, function.PublishedTracing);
    }

    [Theory]
    [InlineData("$LATEST")]
    [InlineData(null)]
    public void Group_LatestOnlyListing_NoPublishedVersionsAndTheArnUnchanged(string? version)
    {
        var function = Assert.Single(ListedFunction.Group([Entry("orders-api", Arn, "PassThrough", version)])).Value;

        Assert.Equal(Arn, function.Latest.FunctionArn);
        Assert.Empty(function.PublishedTracing);
    }

    [Fact]
    public void Group_VersionsWithoutTheirLatestEntry_FunctionLeftOut()
    {
        // A listing that raced the function's deletion: without $LATEST there is nothing to manage.
        var listed = ListedFunction.Group([Entry("gone", "arn:aws:lambda:us-east-1:123456789012:function:gone:3", "PassThrough", "3")]);

        Assert.Empty(listed);
    }

    private static FunctionConfiguration Entry(string name, string arn, string tracing, string? version) =>
        new(name, arn, tracing, RevisionId: null, State: null, LastUpdateStatus: null, version);
}
