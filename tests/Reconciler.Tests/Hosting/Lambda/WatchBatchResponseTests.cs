using System.Text.Json;
using Reconciler.Hosting.Lambda;

namespace Reconciler.Tests.Hosting.Lambda;

/// <summary>
/// The partial batch response: Lambda fails the whole batch on anything but valid JSON naming message ids of the
/// batch, and treats an empty list as "all succeeded" (docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
/// </summary>
public sealed class WatchBatchResponseTests
{
    [Fact]
    public void BatchResponse_NoFailures_IsAnEmptyListSoLambdaDeletesTheBatch() =>
        Assert.Equal("""{"batchItemFailures":[]}""", WatchHandler.BatchResponse([]));

    [Fact]
    public void BatchResponse_Failures_NamesEachMessageOnceAndNothingElse()
    {
        var json = WatchHandler.BatchResponse(["m-2", "m-7", "m-2"]);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"},{"itemIdentifier":"m-7"}]}""", json);
    }

    [Fact]
    public void BatchResponse_MessageIdWithQuotes_StaysValidJson()
    {
        using var document = JsonDocument.Parse(WatchHandler.BatchResponse(["a\"b"]));

        Assert.Equal("a\"b", document.RootElement.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
    }
}
