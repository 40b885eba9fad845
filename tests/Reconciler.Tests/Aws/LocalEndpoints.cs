using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Tests.Aws;

/// <summary>
/// Real sockets on 127.0.0.1 for the transport tests: a listener that accepts and never answers, a port nothing
/// listens on, and a tiny HTTP server whose answers a function chooses, one connection per request.
/// </summary>
internal sealed class LocalEndpoint : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly List<TcpClient> held = [];
    private int accepted;

    private LocalEndpoint(Func<int, string, string?> answer)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        loop = Task.Run(() => AcceptAsync(answer));
    }

    /// <summary>The endpoint's URL.</summary>
    public Uri Url { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>
    /// <see cref="Accepted"/> once it has reached <paramref name="expected"/>, or after 10 s. The client's connect
    /// completes in the kernel's backlog, before this listener's accept loop counts it, and on a loaded machine that
    /// loop can run after the client has already timed out: waiting for the count keeps the test about the client.
    /// </summary>
    public async Task<int> AcceptedOnceSettledAsync(int expected)
    {
        for (var waited = 0; Accepted < expected && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        return Accepted;
    }

    /// <summary>Requests received, in order (request line and headers).</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Accepts connections, reads nothing and never answers.</summary>
    public static LocalEndpoint Silent() => new((_, _) => null);

    /// <summary>Answers request n (1-based) with the raw HTTP response <paramref name="answer"/> returns.</summary>
    public static LocalEndpoint Answering(Func<int, string, string> answer) => new(answer);

    /// <summary>A URL on a port that was free a moment ago: connections to it are refused.</summary>
    public static Uri ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A raw HTTP/1.1 response that closes the connection.</summary>
    public static string Response(int status, string body, params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder().Append(CultureInfoInvariant($"HTTP/1.1 {status} X\r\n"));
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetByteCount(body);
        return text.Append(CultureInfoInvariant($"Content-Length: {bytes}\r\nConnection: close\r\n\r\n")).Append(body).ToString();
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private async Task AcceptAsync(Func<int, string, string?> answer)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            var number = Interlocked.Increment(ref accepted);
            lock (held)
            {
                held.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client, number, answer));
        }
    }

    private async Task ServeAsync(TcpClient client, int number, Func<int, string, string?> answer)
    {
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            lock (Requests)
            {
                Requests.Add(head);
            }

            if (answer(number, head) is { } response)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), stop.Token);
                client.Close();
            }
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up first; nothing to answer.
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[16384];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        // The bodies of these requests are small and arrive with the head; what is left is not needed.
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }

        stop.Dispose();
    }
}
