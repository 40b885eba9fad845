using Reconciler.Aws;
using Reconciler.Kinds.FunctionConfiguration;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Tests.Actuation;

namespace Reconciler.Tests.Kinds.FunctionConfiguration;

public class FunctionConfigurationWriterTests
{
    private static readonly AwsServiceException NoTracePermission = new(
        "lambda",
        "UpdateFunctionConfiguration",
        "InvalidParameterValueException",
        "The provided execution role does not have permissions to call PutTraceSegments on XRAY",
        400,
        null,
        AwsErrorKind.Terminal);

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:orders", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:orders", "arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess")]
    [InlineData("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:orders", "arn:aws-us-gov:iam::aws:policy/AWSXRayDaemonWriteAccess")]
    public void Refused_RoleCannotWriteTraces_NamesTheManagedPolicyInTheFunctionsPartition(string functionArn, string policyArn)
    {
        var change = new PlannedChange(
            "orders", ChangeKind.FunctionTracing, ChangeAction.Update, "orders", functionArn, [],
            new SetFunctionTracing("orders", LambdaTracingMode.Active), Enforced: true);

        var message = FunctionConfigurationWriter.Shared.Refused(change, NoTracePermission);

        Assert.Contains(policyArn, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTogether_TracingAndLoggingOfOneFunction_OneUpdateCarryingBoth()
    {
        var aws = new RecordingAwsWriter();
        var tracing = Change(ChangeKind.FunctionTracing, new SetFunctionTracing("orders", LambdaTracingMode.Active));
        var logging = Change(ChangeKind.FunctionLogging, new SetFunctionLogging("orders", "JSON", null, "WARN"));

        Assert.Equal(FunctionConfigurationWriter.Shared.WriteTogetherKey(tracing), FunctionConfigurationWriter.Shared.WriteTogetherKey(logging));
        await FunctionConfigurationWriter.Shared.WriteTogetherAsync([tracing, logging], aws, CancellationToken.None);

        var request = Assert.Single(aws.FunctionUpdates);
        Assert.Equal("Active", request.TracingMode);
        Assert.Equal(new LambdaLoggingConfig("JSON", null, "WARN", null), request.LoggingConfig);
    }

    [Fact]
    public async Task Write_LoggingOnly_SendsNoTracingConfig()
    {
        var aws = new RecordingAwsWriter();

        await FunctionConfigurationWriter.Shared.WriteAsync(
            Change(ChangeKind.FunctionLogging, new SetFunctionLogging("orders", "Text", null, null)), aws, CancellationToken.None);

        var request = Assert.Single(aws.FunctionUpdates);
        Assert.Null(request.TracingMode);
        Assert.Equal(new LambdaLoggingConfig("Text", null, null, null), request.LoggingConfig);
    }

    private static PlannedChange Change(ChangeKind kind, ChangePayload payload) =>
        new("orders", kind, ChangeAction.Update, "orders", "arn:aws:lambda:us-east-1:123456789012:function:orders", [], payload, Enforced: true);
}
