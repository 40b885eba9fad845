using Reconciler.Planning;

namespace Reconciler.Tests.Planning;

public class OwnershipMarkerTests
{
    [Theory]
    [InlineData("Managed by observability-reconciler (policy project-management). Edit the policy, not this alarm. [reconciler:policy=project-management]", true, "project-management")]
    [InlineData("[reconciler:policy=a]", true, "a")]
    [InlineData("copied from [reconciler:policy=old] then [reconciler:policy=new]", true, "new")]
    [InlineData("Error alarm for ManageProjects", false, "")]
    [InlineData("[reconciler:policy=]", false, "")]
    [InlineData("[reconciler:policy=Has Space]", false, "")]
    [InlineData("[reconciler:policy=unterminated", false, "")]
    [InlineData("", false, "")]
    [InlineData(null, false, "")]
    public void TryReadOwner_Description_ReadsLastMarker(string? description, bool wantFound, string wantPolicy)
    {
        var found = OwnershipMarker.TryReadOwner(description, out var policy);

        Assert.Equal(wantFound, found);
        Assert.Equal(wantPolicy, policy);
    }

    [Fact]
    public void AlarmDescription_RoundTrips()
    {
        var description = OwnershipMarker.AlarmDescription("reconciler-eu", "project-management", "Rule latency (Duration) on Lambda function X.");

        Assert.True(OwnershipMarker.TryRead(description, out var claim));
        Assert.Equal(new OwnershipClaim("project-management", "reconciler-eu"), claim);
        Assert.Contains("Edit the policy, not this alarm.", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[reconciler:owner=reconciler-eu;policy=orders]", true, "orders", "reconciler-eu")]
    [InlineData("[reconciler:policy=orders]", true, "orders", null)]
    [InlineData("old [reconciler:policy=orders] new [reconciler:owner=rt.1_x;policy=orders]", true, "orders", "rt.1_x")]
    [InlineData("[reconciler:owner=;policy=orders]", false, "", null)]
    [InlineData("[reconciler:owner=a b;policy=orders]", false, "", null)]
    [InlineData("[reconciler:owner=a]", false, "", null)]
    [InlineData("[reconciler:owner=a;policy=orders;extra=1]", false, "", null)]
    [InlineData("[reconciler:owner=a;owner=b;policy=orders]", false, "", null)]
    public void TryRead_Marker_ReadsOwnerAndPolicy(string text, bool wantFound, string wantPolicy, string? wantOwner)
    {
        var found = OwnershipMarker.TryRead(text, out var claim);

        Assert.Equal(wantFound, found);
        if (wantFound)
        {
            Assert.Equal(new OwnershipClaim(wantPolicy, wantOwner), claim);
        }
    }

    [Fact]
    public void Tags_Always_NameManagerOwnerAndPolicySortedByKey()
    {
        var tags = OwnershipMarker.Tags("reconciler-eu", "orders");

        Assert.Equal(
            [new("managed-by", "observability-reconciler"), new("reconciler:owner", "reconciler-eu"), new("reconciler:policy", "orders")],
            tags);
    }

    [Theory]
    [InlineData("""{"widgets":[{"type":"text","properties":{"markdown":"Managed [reconciler:policy=p1]"}}]}""", true, "p1")]
    [InlineData("""{"widgets":[{"type":"metric","properties":{"markdown":"[reconciler:policy=p1]"}}]}""", false, "")]
    [InlineData("""{"widgets":[{"type":"text","properties":{"markdown":"hand made"}}]}""", false, "")]
    [InlineData("""{"widgets":[]}""", false, "")]
    [InlineData("not json", false, "")]
    [InlineData("[1,2]", false, "")]
    public void TryReadDashboardOwner_Body_ReadsTextWidgetMarker(string body, bool wantFound, string wantPolicy)
    {
        var found = OwnershipMarker.TryReadDashboardOwner(body, out var policy);

        Assert.Equal(wantFound, found);
        Assert.Equal(wantPolicy, policy);
    }

    [Fact]
    public void AlarmDescription_PurposeTooLongForCloudWatch_ShortenedToLimitWithMarkerWhole()
    {
        var purpose = "Rule latency (Latency) on API Gateway stage " + new string('a', 2000) + "/prod.";

        var description = OwnershipMarker.AlarmDescription("reconciler", "orders", purpose);

        Assert.Equal(OwnershipMarker.MaxAlarmDescriptionLength, description.Length);
        Assert.True(OwnershipMarker.TryRead(description, out var claim));
        Assert.Equal(new OwnershipClaim("orders", "reconciler"), claim);
        Assert.Contains("...", description, StringComparison.Ordinal);
    }
}
