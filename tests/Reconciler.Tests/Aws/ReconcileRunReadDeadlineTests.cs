using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Aws;

/// <summary>
/// The run's deadline bounds reads as well as writes: against an endpoint that never answers, a plan ends at the
/// deadline with an incomplete observation instead of waiting out every attempt timeout. (Here, beside the transport
/// tests, because it needs their silent listener.)
/// </summary>
public sealed class ReconcileRunReadDeadlineTests
{
    private const string Policy = "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: app }\nspec:\n  selector: { tags: { app: shop } }\n  tracing: { lambda: Active }\n  dashboard: { name: Shop }\n";

    [Fact]
    public async Task RunAsync_DeadlineComesDuringReads_ReportsIncompleteObservationAndPlansNothing()
    {
        await using var silent = LocalEndpoint.Silent();
        using var aws = Clients(silent.Url);
        var policies = PolicyLoader.LoadText("app.yaml", Policy).Policies;
        var request = new ReconcileRequest(policies, Apply: false, DryRun: false, Deadline: DateTimeOffset.UtcNow.AddMilliseconds(300));

        var result = await new ReconcileRun(aws, "us-east-1", TimeProvider.System, Logger()).RunAsync(request, CancellationToken.None);

        var failure = Assert.Single(result.Errors, error => error.ErrorCode == "DeadlineExceeded");
        Assert.Equal("observation", failure.Step);
        Assert.Contains("deadline", failure.Message, StringComparison.Ordinal);
        Assert.Empty(result.Plan.Changes);
    }

    [Fact]
    public async Task RunAsync_UserCancelsDuringReads_StillThrowsCancellation()
    {
        await using var silent = LocalEndpoint.Silent();
        using var aws = Clients(silent.Url);
        var policies = PolicyLoader.LoadText("app.yaml", Policy).Policies;
        var request = new ReconcileRequest(policies, Apply: false, DryRun: false, Deadline: DateTimeOffset.UtcNow.AddHours(1));
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ReconcileRun(aws, "us-east-1", TimeProvider.System, Logger()).RunAsync(request, interrupt.Token));
    }

    private static IAwsClients Clients(Uri endpoint) => AwsClients.Create(new AwsClientOptions
    {
        Region = "us-east-1",
        EndpointUrl = endpoint,
        Credentials = new BasicAWSCredentials("x", "x"),
        RateLimits = AwsRateLimitOptions.Disabled,
        AttemptTimeout = TimeSpan.FromMinutes(5),
        CircuitBreaker = new AwsCircuitBreakerOptions(Enabled: false),
    });

    private static RunLogger Logger() => new(TextWriter.Null, TimeProvider.System, "run-deadline", RunLogLevel.Error);
}
