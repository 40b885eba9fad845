using System.Net;
using System.Text;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// Refusals AWS makes and moto does not, simulated in front of moto: a refusal of one resource fails that change,
/// names its remedy, and never stops the writes of other resources.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class RefusalTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Apply_EightRolesWithoutXRayPermissions_WritesEveryAlarmAndFailsOnlyTheirTracing()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var app = "app-" + suffix;
        var refused = Enumerable.Range(0, 8).Select(i => $"fn-noxray-{i}-{suffix}").ToList();
        var healthy = Enumerable.Range(0, 2).Select(i => $"fn-ok-{i}-{suffix}").ToList();
        foreach (var function in refused.Concat(healthy))
        {
            await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app });
        }

        var policyName = "xray-" + suffix;
        var policies = _policies.Write("app.yaml", TwoAlarmsPerFunction(policyName, app)).Load();
        var alarmPrefix = "rx" + suffix;
        XRayRefusingHandler? refuser = null;
        using var aws = moto.CreateClients(o => o with { WrapTransport = inner => refuser = new XRayRefusingHandler(inner, refused) });

        var result = await Engine.ApplyAsync(aws, policies, alarmPrefix);

        Assert.Equal(8, refuser!.Refused);
        var apply = result.Apply!;
        Assert.Null(apply.Stopped);
        Assert.Null(result.Report.StopReason);
        var alarms = apply.Outcomes.Where(o => o.Change.Kind == ChangeKind.Alarm).ToList();
        Assert.Equal(20, alarms.Count);
        Assert.All(alarms, o => Assert.True(o.Status == ChangeStatus.Applied && o.Message is null, $"{o.Change.Target}: {o.Status} {o.ErrorCode} {o.Message}"));
        Assert.Equal(ChangeStatus.Applied, apply.Outcomes.Single(o => o.Change.Kind == ChangeKind.Dashboard).Status);

        var tracing = apply.Outcomes.Where(o => o.Change.Kind == ChangeKind.FunctionTracing).ToList();
        Assert.Equal(healthy.Order(StringComparer.Ordinal), tracing.Where(o => o.Status == ChangeStatus.Applied).Select(o => o.Change.Target).Order(StringComparer.Ordinal));
        var failed = tracing.Where(o => o.Status == ChangeStatus.Failed).ToList();
        Assert.Equal(refused.Order(StringComparer.Ordinal), failed.Select(o => o.Change.Target).Order(StringComparer.Ordinal));
        Assert.All(failed, o =>
        {
            Assert.Equal("InvalidParameterValueException", o.ErrorCode);
            Assert.Contains("attach the AWS managed policy AWSXRayDaemonWriteAccess".ToUpperInvariant(), o.Message!.ToUpperInvariant(), StringComparison.Ordinal);
        });

        // The report names each refused function with the remedy, and counts the rest as corrected.
        var entries = Assert.Single(result.Report.Policies).Entries;
        Assert.Equal(8, entries.Count(e => e.Status == EntryStatus.Failed));
        Assert.All(entries.Where(e => e.Status == EntryStatus.Failed), e => Assert.Contains(e.Name, refused));
        var text = ReportTextRenderer.Render(result.Report);
        Assert.Contains("FAILED (8)", text, StringComparison.Ordinal);
        Assert.Equal(8, CountOf(text, "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"));

        // The next run retries exactly the refused tracing, and nothing else.
        var replanned = await Engine.PlanAsync(aws, policies, alarmPrefix);
        Assert.Equal(refused.Order(StringComparer.Ordinal), replanned.Plan.Changes.Select(c => c.Target).Order(StringComparer.Ordinal));
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string TwoAlarmsPerFunction(string name, string app) => $"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {name}
        spec:
          selector:
            tags:
              app: {app}
            resourceTypes: [lambda:function]
          tracing:
            lambda: Active
          alarms:
            actions:
              alarm: ["{PolicyYaml.OpsTopic}"]
            lambda:
              - name: error-rate
                metric: ErrorRate
                threshold: 5
              - name: latency
                metric: Duration
                statistic: p99
                threshold: 2000
          dashboard:
            name: dash-{name}

        """;

    /// <summary>
    /// Answers UpdateFunctionConfiguration of the named functions as Lambda does when the execution role lacks
    /// xray:PutTraceSegments and xray:PutTelemetryRecords: 400 InvalidParameterValueException.
    /// </summary>
    private sealed class XRayRefusingHandler(HttpMessageHandler inner, IReadOnlyList<string> functions) : DelegatingHandler(inner)
    {
        private int refused;

        public int Refused => refused;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            if (request.Method == HttpMethod.Put
                && path.EndsWith("/configuration", StringComparison.Ordinal)
                && functions.Any(f => path.EndsWith($"/functions/{f}/configuration", StringComparison.Ordinal))
                && request.Content is { } content
                && (await content.ReadAsStringAsync(cancellationToken)).Contains("\"Active\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refused);
                var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    RequestMessage = request,
                    Content = new StringContent(
                        """{"Type":"User","message":"The provided execution role does not have permissions to call PutTraceSegments on XRAY"}""",
                        Encoding.UTF8,
                        "application/json"),
                };
                response.Headers.Add("x-amzn-ErrorType", "InvalidParameterValueException");
                response.Headers.Add("x-amzn-RequestId", Guid.NewGuid().ToString());
                return response;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
