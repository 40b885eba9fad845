using Reconciler.Planning;

namespace Reconciler.Tests.Planning;

public class ArnsTests
{
    [Theory]
    [InlineData("us-east-1", "arn:aws:apigateway:us-east-1::/restapis/a1/stages/prod")]
    [InlineData("cn-north-1", "arn:aws-cn:apigateway:cn-north-1::/restapis/a1/stages/prod")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1/stages/prod")]
    public void Stage_Region_UsesItsPartition(string region, string want) =>
        Assert.Equal(want, Arns.Stage(region, "a1", "prod"));

    [Theory]
    [InlineData("eu-west-1", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a", "arn:aws:cloudwatch::123456789012:dashboard/d")]
    [InlineData("cn-northwest-1", "arn:aws-cn:cloudwatch:cn-northwest-1:123456789012:alarm:a", "arn:aws-cn:cloudwatch::123456789012:dashboard/d")]
    public void AlarmAndDashboard_Region_UsePartitionAndDashboardsHaveNoRegion(string region, string alarm, string dashboard)
    {
        Assert.Equal(alarm, Arns.Alarm(region, "123456789012", "a"));
        Assert.Equal(dashboard, Arns.Dashboard(region, "123456789012", "d"));
    }
}
