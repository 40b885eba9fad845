using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Testing.Faults;

namespace Reconciler.Tests.Faults;

public sealed class FaultInjectingHandlerTests
{
    private static (HttpMessageInvoker Invoker, RecordingTransport Server, FaultLog Log) Build(
        FaultInjectionOptions options, QuotaTable? quotas = null)
    {
        var server = new RecordingTransport();
        var log = new FaultLog();
        var handler = new FaultInjectingHandler(options, quotas, log, new FakeTimeProvider()) { InnerHandler = server };
        return (new HttpMessageInvoker(handler), server, log);
    }

    private static async Task<FaultKind> SendAndClassifyAsync(HttpMessageInvoker invoker, HttpRequestMessage request)
    {
        try
        {
            using var response = await invoker.SendAsync(request, CancellationToken.None);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => FaultKind.None,
                HttpStatusCode.InternalServerError => FaultKind.InternalFailure,
                HttpStatusCode.ServiceUnavailable => FaultKind.ServiceUnavailable,
                _ => FaultKind.Throttle,
            };
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            return FaultKind.DropAfterSend;
        }
        catch (HttpRequestException)
        {
            return FaultKind.DropBeforeSend;
        }
        catch (TaskCanceledException)
        {
            return FaultKind.Timeout;
        }
    }

    private static readonly FaultInjectionOptions EveryFault = new()
    {
        Seed = 4242,
        ThrottleProbability = 0.1,
        InternalFailureProbability = 0.1,
        ServiceUnavailableProbability = 0.1,
        DropBeforeSendProbability = 0.1,
        DropAfterSendProbability = 0.1,
        TimeoutProbability = 0.1,
    };

    private static async Task<List<FaultKind>> RunMixedSequenceAsync(FaultInjectionOptions options)
    {
        var (invoker, _, _) = Build(options);
        var kinds = new List<FaultKind>();
        for (var i = 0; i < 60; i++)
        {
            kinds.Add(await SendAndClassifyAsync(invoker, AwsRequests.PutMetricAlarm($"alarm-{i}")));
            kinds.Add(await SendAndClassifyAsync(invoker, AwsRequests.UpdateFunctionConfiguration($"fn-{i}")));
        }

        return kinds;
    }

    [Fact]
    public async Task SendAsync_SameSeed_ReplaysTheSameFaultSequence()
    {
        var first = await RunMixedSequenceAsync(EveryFault);
        var second = await RunMixedSequenceAsync(EveryFault);
        var otherSeed = await RunMixedSequenceAsync(EveryFault with { Seed = 4243 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        // With six kinds at 10 % each over 120 calls, every kind shows up; otherwise the test proves little.
        Assert.All(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.QuotaThrottle), k => Assert.Contains(k, first));
    }

    [Fact]
    public async Task SendAsync_SameSeedDifferentInterleaving_GivesEachOperationTheSameFaults()
    {
        var (interleaved, _, interleavedLog) = Build(EveryFault);
        var (grouped, _, groupedLog) = Build(EveryFault);
        for (var i = 0; i < 30; i++)
        {
            await SendAndClassifyAsync(interleaved, AwsRequests.PutMetricAlarm($"a{i}"));
            await SendAndClassifyAsync(interleaved, AwsRequests.DescribeAlarms());
        }

        for (var i = 0; i < 30; i++)
        {
            await SendAndClassifyAsync(grouped, AwsRequests.DescribeAlarms());
        }

        for (var i = 0; i < 30; i++)
        {
            await SendAndClassifyAsync(grouped, AwsRequests.PutMetricAlarm($"a{i}"));
        }

        static List<FaultKind> KindsOf(FaultLog log, string operation) =>
            log.Entries.Where(e => e.Call.Operation.Name == operation).OrderBy(e => e.Ordinal).Select(e => e.Kind).ToList();

        Assert.Equal(KindsOf(interleavedLog, "PutMetricAlarm"), KindsOf(groupedLog, "PutMetricAlarm"));
        Assert.Equal(KindsOf(interleavedLog, "DescribeAlarms"), KindsOf(groupedLog, "DescribeAlarms"));
    }

    [Fact]
    public async Task SendAsync_DropAfterSend_ForwardsTheRequestThenThrows()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions { Seed = 1, DropAfterSendProbability = 1 });

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => invoker.SendAsync(AwsRequests.PutMetricAlarm("orders-error-rate"), CancellationToken.None));

        Assert.IsType<IOException>(error.InnerException);
        var received = Assert.Single(server.Received);
        Assert.Contains("AlarmName=orders-error-rate", received.Body, StringComparison.Ordinal);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(FaultKind.DropAfterSend, entry.Kind);
        Assert.True(entry.SentToServer);
        Assert.False(entry.AnswerDelivered);
        var write = Assert.Single(log.WritesByTarget());
        Assert.Equal(new TargetWriteCount(new AwsOperation("monitoring", "PutMetricAlarm"), "orders-error-rate", 1, 0), write);
    }

    [Fact]
    public async Task SendAsync_DropBeforeSend_ThrowsConnectionResetWithoutSending()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions { Seed = 1, DropBeforeSendProbability = 1 });

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => invoker.SendAsync(AwsRequests.UpdateFunctionConfiguration("orders"), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Empty(server.Received);
        Assert.False(Assert.Single(log.Entries).SentToServer);
    }

    [Fact]
    public async Task SendAsync_TimeoutThrowImmediately_ThrowsTaskCanceledWithTimeoutInner()
    {
        var (invoker, server, _) = Build(new FaultInjectionOptions { Seed = 1, TimeoutProbability = 1 });

        var error = await Assert.ThrowsAsync<TaskCanceledException>(
            () => invoker.SendAsync(AwsRequests.GetRestApis(), CancellationToken.None));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task SendAsync_TimeoutHang_WaitsUntilTheClientCancels()
    {
        var (invoker, server, _) = Build(new FaultInjectionOptions
        {
            Seed = 1,
            TimeoutProbability = 1,
            TimeoutBehavior = TimeoutBehavior.HangUntilCanceled,
        });
        using var clientTimeout = new CancellationTokenSource();

        var sending = invoker.SendAsync(AwsRequests.GetRestApis(), clientTimeout.Token);
        Assert.False(sending.IsCompleted);
        await clientTimeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task SendAsync_Latency_DelaysOnTheInjectedClockThenForwards()
    {
        var time = new FakeTimeProvider();
        var quotas = new QuotaTable(time, timeCompression: 10);
        var server = new RecordingTransport();
        var log = new FaultLog();
        using var invoker = new HttpMessageInvoker(new FaultInjectingHandler(
            new FaultInjectionOptions
            {
                Seed = 1,
                LatencyProbability = 1,
                MinLatency = TimeSpan.FromSeconds(2),
                MaxLatency = TimeSpan.FromSeconds(2),
            },
            quotas,
            log)
        { InnerHandler = server });

        var sending = invoker.SendAsync(AwsRequests.DescribeAlarms(), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(sending.IsCompleted);
        // 2 virtual seconds under compression 10 is 200 ms of the injected clock.
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await sending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(server.Received);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(log.Entries).AddedLatency);
    }

    [Fact]
    public async Task SendAsync_OverQuota_AnswersThrottlingWithoutSendingAndCountsIt()
    {
        var (invoker, server, log) = Build(FaultInjectionOptions.None, new QuotaTable(new FakeTimeProvider()));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await invoker.SendAsync(AwsRequests.PutMetricAlarm($"a{i}"), CancellationToken.None);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            statuses);
        Assert.Equal(3, server.Received.Count);
        var counts = Assert.Single(log.CountsByOperation());
        Assert.Equal(new OperationCounts(new AwsOperation("monitoring", "PutMetricAlarm"), 5, 3, 2, 3, 0, 0), counts);
    }

    [Fact]
    public async Task SendAsync_WritesOnly_LeavesReadsAlone()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions { Seed = 7, InternalFailureProbability = 1, WritesOnly = true });

        using var read = await invoker.SendAsync(AwsRequests.ListFunctions(), CancellationToken.None);
        using var write = await invoker.SendAsync(AwsRequests.UpdateFunctionConfiguration("orders"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, write.StatusCode);
        Assert.Single(server.Received);
        Assert.Equal(1, log.Count(FaultKind.InternalFailure));
    }

    [Theory]
    [InlineData("PutMetricAlarm")]
    [InlineData("monitoring:PutMetricAlarm")]
    public async Task SendAsync_OnlyOperations_FaultsOnlyThoseOperations(string selector)
    {
        var (invoker, _, _) = Build(new FaultInjectionOptions { Seed = 7, ServiceUnavailableProbability = 1, OnlyOperations = [selector] });

        using var other = await invoker.SendAsync(AwsRequests.DescribeAlarms(), CancellationToken.None);
        using var chosen = await invoker.SendAsync(AwsRequests.PutMetricAlarm("a"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, chosen.StatusCode);
    }

    [Fact]
    public async Task SendAsync_MaxFaults_StopsInjectingAfterTheCap()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions { Seed = 7, InternalFailureProbability = 1, MaxFaults = 2 });

        var kinds = new List<FaultKind>();
        for (var i = 0; i < 4; i++)
        {
            kinds.Add(await SendAndClassifyAsync(invoker, AwsRequests.GetResources()));
        }

        Assert.Equal([FaultKind.InternalFailure, FaultKind.InternalFailure, FaultKind.None, FaultKind.None], kinds);
        Assert.Equal(2, server.Received.Count);
        Assert.Equal(2, log.CountsByOperation().Single().FaultsInjected);
    }

    [Fact]
    public async Task SendAsync_PassThrough_InnerHandlerReceivesTheWholeBody()
    {
        var (invoker, server, _) = Build(FaultInjectionOptions.None);
        const string form = "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Adrift&Message=%7B%22changes%22%3A3%7D&Subject=Drift+report";

        using var response = await invoker.SendAsync(AwsRequests.Query("sns", form), CancellationToken.None);

        Assert.Equal(form, Assert.Single(server.Received).Body);
    }

    [Fact]
    public async Task SendAsync_UnknownRequest_PassesThroughUnfaulted()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions { Seed = 3, InternalFailureProbability = 0.5, ThrottleProbability = 0.5 });

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1:5000/moto-api/data.json"));
            using var response = await invoker.SendAsync(request, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(20, server.Received.Count);
        Assert.All(log.Entries, e => Assert.Equal(AwsCall.Unknown, e.Call));
    }

    [Fact]
    public async Task SendAsync_ConcurrentRequests_LogAndCountersStayConsistent()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());
        var (invoker, server, log) = Build(EveryFault with { Seed = 99 }, quotas);
        const int workers = 8;
        const int perWorker = 100;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                var request = (i % 3) switch
                {
                    0 => AwsRequests.PutMetricAlarm($"w{w}-a{i}"),
                    1 => AwsRequests.UpdateFunctionConfiguration($"w{w}-f{i}"),
                    _ => AwsRequests.GetResources(),
                };
                await SendAndClassifyAsync(invoker, request);
            }
        })));

        var entries = log.Entries;
        Assert.Equal(workers * perWorker, entries.Count);
        Assert.Equal(Enumerable.Range(1, workers * perWorker).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(server.Received.Count, entries.Count(e => e.SentToServer));
        foreach (var group in entries.GroupBy(e => e.Call.Operation))
        {
            // Every call of an operation got its own ordinal: none lost, none doubled.
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(i => (long)i), group.Select(e => e.Ordinal).Order());
        }

        // Quota buckets held under contention: no group admitted more than its burst (the fake clock never moved).
        var counts = log.CountsByOperation();
        Assert.Equal(3, counts.Single(c => c.Operation.Name == "PutMetricAlarm").QuotaAdmitted);
        Assert.Equal(15, counts.Single(c => c.Operation.Name == "GetResources").QuotaAdmitted);
        Assert.Equal(15, counts.Single(c => c.Operation.Name == "UpdateFunctionConfiguration").QuotaAdmitted);
    }

    [Fact]
    public async Task SendAsync_Script_InjectsExactlyTheScriptedFaultPerOperationCall()
    {
        var (invoker, server, log) = Build(new FaultInjectionOptions
        {
            Seed = 5,
            Script = (call, ordinal) => (call.Operation.Name, ordinal) switch
            {
                ("PutMetricAlarm", 1 or 2) => FaultKind.Throttle,
                ("PutMetricAlarm", 3) => FaultKind.ServiceUnavailable,
                ("PutMetricAlarm", 4) => FaultKind.DropBeforeSend,
                _ => FaultKind.None,
            },
        });

        var kinds = new List<FaultKind>();
        for (var i = 0; i < 5; i++)
        {
            kinds.Add(await SendAndClassifyAsync(invoker, AwsRequests.PutMetricAlarm("orders-error-rate")));
        }

        kinds.Add(await SendAndClassifyAsync(invoker, AwsRequests.GetResources()));

        Assert.Equal([FaultKind.Throttle, FaultKind.Throttle, FaultKind.ServiceUnavailable, FaultKind.DropBeforeSend, FaultKind.None, FaultKind.None], kinds);
        Assert.Equal(kinds, log.Entries.Select(e => e.Kind));
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task SendAsync_ScriptWithOnlyOperations_LeavesOtherOperationsAlone()
    {
        var (invoker, server, _) = Build(new FaultInjectionOptions { Seed = 5, OnlyOperations = ["GetResources"], Script = (_, _) => FaultKind.InternalFailure });

        Assert.Equal(FaultKind.None, await SendAndClassifyAsync(invoker, AwsRequests.PutMetricAlarm("orders-error-rate")));
        Assert.Equal(FaultKind.InternalFailure, await SendAndClassifyAsync(invoker, AwsRequests.GetResources()));
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task SendAsync_ScriptReturnsQuotaThrottle_ThrowsNamingTheRemedy()
    {
        var (invoker, server, _) = Build(new FaultInjectionOptions { Seed = 5, Script = (_, _) => FaultKind.QuotaThrottle });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(AwsRequests.GetResources(), CancellationToken.None));

        Assert.Contains("return FaultKind.Throttle", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public void Constructor_ScriptWithProbabilities_ThrowsNamingTheConflict()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new FaultInjectingHandler(new FaultInjectionOptions { ThrottleProbability = 0.5, Script = (_, _) => FaultKind.None }, null, new FaultLog()));

        Assert.Contains("Script is set and the fault probabilities add up to 0.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new FaultInjectingHandler(new FaultInjectionOptions { ThrottleProbability = 0.7, DropAfterSendProbability = 0.6 }, null, new FaultLog()));

        Assert.Contains("add up to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Always_TracesTheSeedForReplay()
    {
        var lines = new List<string>();
        var log = new FaultLog();

        using var handler = new FaultInjectingHandler(new FaultInjectionOptions { Seed = 31337, Trace = lines.Add }, null, log);

        Assert.Contains("31337", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Equal([31337], log.Seeds);
        Assert.StartsWith("fault seed(s): 31337", log.Summary(), StringComparison.Ordinal);
    }
}
