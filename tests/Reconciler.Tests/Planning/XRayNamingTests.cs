using Reconciler.Planning;

namespace Reconciler.Tests.Planning;

public class XRayNamingTests
{
    [Theory]
    [InlineData("reconciler", "orders", "reconciler-orders")]
    [InlineData("reconciler", "team/orders v2", "reconciler-team_orders_v2")]
    public void For_ShortName_IsOwnerDashPolicyWithUnsafeCharactersReplaced(string owner, string policy, string want)
    {
        Assert.Equal(want, XRayNaming.For(owner, policy));
    }

    [Fact]
    public void For_LongName_Is32CharactersStableAndDistinct()
    {
        var first = XRayNaming.For("reconciler", "project-management-production-eu");
        var second = XRayNaming.For("reconciler", "project-management-production-us");

        Assert.Equal(XRayNaming.MaxLength, first.Length);
        Assert.Equal(first, XRayNaming.For("reconciler", "project-management-production-eu"));
        Assert.NotEqual(first, second);
        Assert.StartsWith(XRayNaming.Prefix("reconciler"), first, StringComparison.Ordinal);
    }
}
