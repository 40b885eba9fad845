using Reconciler.Aws;
using Reconciler.Aws.Services;

namespace Reconciler.Tests.Aws.Services;

public sealed class RememberedCallerIdentityTests
{
    private static readonly CallerIdentity Identity = new("123456789012", "arn:aws:sts::123456789012:assumed-role/reconciler/session", "AROAEXAMPLE:session");

    [Fact]
    public async Task GetCallerIdentityAsync_AskedTwice_AsksStsOnce()
    {
        var sts = new CountingSts();
        var remembered = new RememberedCallerIdentity(sts);

        var first = await remembered.GetCallerIdentityAsync(CancellationToken.None);
        var second = await remembered.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(Identity, first);
        Assert.Equal(Identity, second);
        Assert.Equal(1, sts.Calls);
    }

    [Fact]
    public async Task GetCallerIdentityAsync_AskedConcurrently_SharesOneCall()
    {
        var release = new TaskCompletionSource();
        var sts = new CountingSts { Gate = release.Task };
        var remembered = new RememberedCallerIdentity(sts);

        var callers = Enumerable.Range(0, 4).Select(_ => remembered.GetCallerIdentityAsync(CancellationToken.None)).ToList();
        release.SetResult();
        var answers = await Task.WhenAll(callers);

        Assert.All(answers, answer => Assert.Equal(Identity, answer));
        Assert.Equal(1, sts.Calls);
    }

    [Fact]
    public async Task GetCallerIdentityAsync_AfterAFailure_AsksAgain()
    {
        var sts = new CountingSts { FailuresFirst = 1 };
        var remembered = new RememberedCallerIdentity(sts);

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => remembered.GetCallerIdentityAsync(CancellationToken.None));
        var answer = await remembered.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal("ExpiredToken", failure.ErrorCode);
        Assert.Equal(Identity, answer);
        Assert.Equal(2, sts.Calls);
    }

    private sealed class CountingSts : IStsClient
    {
        private int calls;

        public int Calls => calls;

        public Task Gate { get; init; } = Task.CompletedTask;

        public int FailuresFirst { get; init; }

        public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref calls);
            await Gate;
            if (call <= FailuresFirst)
            {
                throw new AwsServiceException("sts", "GetCallerIdentity", "ExpiredToken", "The security token included in the request is expired", 403, null, AwsErrorKind.Terminal);
            }

            return Identity;
        }
    }
}
