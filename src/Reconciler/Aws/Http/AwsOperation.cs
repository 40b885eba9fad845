namespace Reconciler.Aws.Http;

/// <summary>One service operation: who answers it, which quota it draws from, and whether it changes anything.</summary>
/// <param name="Service">The service.</param>
/// <param name="Name">The operation name, e.g. "PutMetricAlarm".</param>
/// <param name="RateGroup">The client-side rate-limit group (see <see cref="AwsOperationGroups"/>); null: unlimited.</param>
/// <param name="IsWrite">True for mutating operations.</param>
internal sealed record AwsOperation(AwsServiceInfo Service, string Name, string? RateGroup, bool IsWrite);

/// <summary>A successful answer: status, headers we care about, and the body as text.</summary>
internal sealed record AwsResponse(int StatusCode, string Body, string? RequestId);
