using Reconciler.Discovery;

namespace Reconciler.Tests.Discovery;

public sealed class ResourceArnTests
{
    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:ManageProjects", "function ManageProjects")]
    [InlineData("arn:aws:apigateway:us-east-1::/restapis/a1b2c3", "api a1b2c3")]
    [InlineData("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod", "stage a1b2c3/prod")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:f", "function f")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f:live", null)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:layer:l", null)]
    [InlineData("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/resources/x", null)]
    [InlineData("arn:aws:apigateway:us-east-1::/apis/http1", null)]
    [InlineData("arn:aws:sns:us-east-1:123456789012:topic", null)]
    [InlineData("not-an-arn", null)]
    public void Parse_KnownAndUnknownArns_NamesWhatTheyAre(string arn, string? expected)
    {
        var parsed = ResourceArn.Parse(arn) switch
        {
            FunctionArn f => $"function {f.FunctionName}",
            RestApiArn a => $"api {a.RestApiId}",
            StageArn s => $"stage {s.RestApiId}/{s.StageName}",
            _ => null,
        };

        Assert.Equal(expected, parsed);
    }
}
