using Reconciler.Aws;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Kinds.FunctionTracing;

public class FunctionTracingWriterTests
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

        var message = new FunctionTracingWriter().Refused(change, NoTracePermission);

        Assert.Contains(policyArn, message, StringComparison.Ordinal);
    }
}
