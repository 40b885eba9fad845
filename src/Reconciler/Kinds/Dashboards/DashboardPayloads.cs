using Reconciler.Planning;

namespace Reconciler.Kinds.Dashboards;

/// <summary>PutDashboard with the full body (JSON), then TagResource with the ownership tags.</summary>
internal sealed record PutDashboard(string DashboardName, string Body, IReadOnlyList<ResourceTag> Tags) : ChangePayload;
