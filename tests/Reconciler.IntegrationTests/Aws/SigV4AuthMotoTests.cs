using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.LocalEmulator;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>A separate moto with IAM auth on: signatures are checked, so a wrong secret must be refused.</summary>
public sealed class SigV4AuthMotoTests : IAsyncLifetime
{
    private MotoServer? server;

    public async Task InitializeAsync() =>
        server = await MotoServer.StartAsync(
            new MotoServerOptions { EnvironmentVariables = new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" } },
            CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignedCalls_RightSecretAcceptedWrongSecretRejected()
    {
        var seeder = new MotoSeeder(server!.Endpoint, MotoFixture.Region, MotoFixture.Credentials);
        var key = await seeder.CreateAdminAccessKeyAsync("reconciler-" + MotoFixture.UniqueSuffix());
        var good = key.GetCredentials();

        using var right = Create(new BasicAWSCredentials(good.AccessKey, good.SecretKey));
        using var wrong = Create(new BasicAWSCredentials(good.AccessKey, good.SecretKey + "x"));

        var identity = await right.Sts.GetCallerIdentityAsync(CancellationToken.None);
        await right.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm("auth-" + MotoFixture.UniqueSuffix()), CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => wrong.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm("denied"), CancellationToken.None));

        Assert.Equal(MotoFixture.AccountId, identity.Account);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal(403, error.StatusCode);
    }

    private IAwsClients Create(AWSCredentials credentials) => AwsClients.Create(new AwsClientOptions
    {
        Region = MotoFixture.Region,
        EndpointUrl = server!.Endpoint,
        Credentials = credentials,
        RateLimits = AwsRateLimitOptions.Disabled,
        Retry = new AwsRetryOptions(MaxAttempts: 2, BaseDelay: TimeSpan.FromMilliseconds(5)),
    });
}
