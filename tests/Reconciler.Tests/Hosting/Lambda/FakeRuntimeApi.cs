using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Reconciler.Tests.Hosting.Lambda;

/// <summary>
/// A Lambda Runtime API on 127.0.0.1 for tests: serves queued events to "next" (long-polling like the real one)
/// and records every response, error and init error it receives.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<PostedMessage> _posts = Channel.CreateUnbounded<PostedMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _nextRequests;

    public FakeRuntimeApi()
    {
        // Retry on the rare race where another process takes the port between probing and binding.
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The status answered to response posts; 413 plays a response over Lambda's size limit.</summary>
    public int ResponseStatus { get; set; } = 202;

    /// <summary>How many "next" requests arrived so far.</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Every "next" request, in order, as a signal tests can wait on.</summary>
    public ConcurrentQueue<DateTimeOffset> NextRequestTimes { get; } = new();

    public void Enqueue(string requestId, string body, DateTimeOffset deadline, string? traceId = null) =>
        _events.Writer.TryWrite(new QueuedEvent(requestId, body, deadline, traceId));

    /// <summary>Waits for the next response, error or init error posted.</summary>
    public async Task<PostedMessage> NextPostAsync(TimeSpan? timeout = null)
    {
        using var source = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _posts.Reader.ReadAsync(source.Token);
    }

    /// <summary>Waits until at least <paramref name="count"/> "next" requests arrived.</summary>
    public async Task WaitForNextRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var giveUp = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (NextRequests < count)
        {
            if (DateTimeOffset.UtcNow > giveUp)
            {
                throw new TimeoutException($"Expected {count} 'next' requests, got {NextRequests}.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        try
        {
            if (request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                Interlocked.Increment(ref _nextRequests);
                NextRequestTimes.Enqueue(DateTimeOffset.UtcNow);
                var queued = await _events.Reader.ReadAsync(_stop.Token);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = queued.RequestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = queued.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:reconciler";
                if (queued.TraceId is not null)
                {
                    response.Headers["Lambda-Runtime-Trace-Id"] = queued.TraceId;
                }

                await WriteAsync(response, 200, queued.Body);
                return;
            }

            if (request.HttpMethod == "POST" && path.StartsWith("/2018-06-01/runtime/", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var kind = path switch
                {
                    "/2018-06-01/runtime/init/error" => PostKind.InitError,
                    _ when path.EndsWith("/response", StringComparison.Ordinal) => PostKind.Response,
                    _ when path.EndsWith("/error", StringComparison.Ordinal) => PostKind.Error,
                    _ => PostKind.Unknown,
                };
                var requestId = kind is PostKind.Response or PostKind.Error ? path.Split('/')[4] : null;
                _posts.Writer.TryWrite(new PostedMessage(kind, requestId, request.Headers["Lambda-Runtime-Function-Error-Type"], body));
                var status = kind switch
                {
                    PostKind.Unknown => 404,
                    PostKind.Response => ResponseStatus,
                    _ => 202,
                };
                await WriteAsync(response, status, status == 202 ? "{\"status\":\"OK\"}" : "{\"errorType\":\"RequestEntityTooLarge\"}");
                return;
            }

            await WriteAsync(response, 404, "{}");
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            response.Abort();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record QueuedEvent(string RequestId, string Body, DateTimeOffset Deadline, string? TraceId);
}

internal enum PostKind
{
    Response,
    Error,
    InitError,
    Unknown,
}

/// <summary>One POST the fake received.</summary>
internal sealed record PostedMessage(PostKind Kind, string? RequestId, string? ErrorType, string Body);
