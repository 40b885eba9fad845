using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.LocalEmulator;

namespace Reconciler.IntegrationTests.Harness;

/// <summary>
/// One patched moto server for the whole test run (xunit collection fixture). Clients it creates carry fake
/// credentials explicitly, so nothing depends on the machine's ~/.aws. moto is stopped when the run ends, whether
/// tests passed or not. It is lenient unless MOTO_STRICT=1 is set for the run, which makes every test in the "moto"
/// collection run against the launcher's strict mode (see <see cref="StrictMotoFixture"/>). The class is public because
/// xunit's fixtures are; its members that hand out the reconciler's types are internal, as those types are.
/// </summary>
public class MotoFixture : IAsyncLifetime
{
    /// <summary>The region every test uses.</summary>
    public const string Region = "us-east-1";

    /// <summary>The account moto answers with.</summary>
    public const string AccountId = "123456789012";

    private readonly MotoServerOptions options;
    private MotoServer? server;

    /// <summary>The default launcher: strict only when the run's environment has MOTO_STRICT=1.</summary>
    public MotoFixture()
        : this(new MotoServerOptions())
    {
    }

    /// <summary>A launcher started with <paramref name="options"/>.</summary>
    private protected MotoFixture(MotoServerOptions options) => this.options = options;

    /// <summary>The fake credentials moto accepts when auth is off.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    /// <summary>The running server.</summary>
    internal MotoServer Server => server ?? throw new InvalidOperationException("moto is not started.");

    /// <summary>moto's base URL.</summary>
    public Uri Endpoint => Server.Endpoint;

    /// <summary>Creates resources the reconciler only reads (functions, REST APIs, topics, queues).</summary>
    public MotoSeeder Seeder => new(Endpoint, Region, Credentials);

    /// <summary>A short random suffix for names and tag values, so tests never see each other's resources.</summary>
    public static string UniqueSuffix() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>Options pointed at moto: fake credentials, no client-side rate limits, fast retries.</summary>
    internal AwsClientOptions ClientOptions() => new()
    {
        Region = Region,
        EndpointUrl = Endpoint,
        Credentials = Credentials,
        RateLimits = AwsRateLimitOptions.Disabled,
        Retry = new AwsRetryOptions(MaxAttempts: 8, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)),
    };

    /// <summary>Clients pointed at moto; <paramref name="configure"/> can add e.g. a WrapTransport fault injector.</summary>
    internal IAwsClients CreateClients(Func<AwsClientOptions, AwsClientOptions>? configure = null) =>
        AwsClients.Create(configure is null ? ClientOptions() : configure(ClientOptions()));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        server = await MotoServer.StartAsync(options, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }

    // If the test host is torn down without running fixture disposal, still do not leave moto behind.
    private void KillOnExit(object? sender, EventArgs e) => server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>The collection every moto test joins: <c>[Collection(MotoTests.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class MotoTests : ICollectionFixture<MotoFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "moto";
}

/// <summary>
/// A second moto server in the launcher's strict mode (refuses what AWS refuses), for the "moto-strict" collection.
/// Its Lambda update window is longer than the launcher's 2 s default so that two back-to-back calls from a test land
/// inside it even on a loaded machine.
/// </summary>
public sealed class StrictMotoFixture() : MotoFixture(new MotoServerOptions { Strict = true, StrictUpdateWindow = UpdateWindow })
{
    /// <summary>How long a Lambda configuration update stays InProgress on this server.</summary>
    public static readonly TimeSpan UpdateWindow = TimeSpan.FromSeconds(5);
}

/// <summary>The collection of tests against strict moto: <c>[Collection(StrictMotoGroup.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class StrictMotoGroup : ICollectionFixture<StrictMotoFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "moto-strict";
}
