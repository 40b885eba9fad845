namespace Reconciler.Aws.Services;

/// <summary>
/// Asks STS who the credentials are once per client set and remembers the answer: the identity of one set of
/// credentials does not change while they are in use (a Lambda sandbox keeps its role session; a CLI run is one
/// process). A watch batch needs it twice (its own ARN, to drop its own writes, and the account id) and a warm
/// sandbox every invocation, so this saves one or two STS calls per batch. A failure is not remembered: the next
/// caller asks again.
/// </summary>
internal sealed class RememberedCallerIdentity(IStsClient inner) : IStsClient
{
    private readonly Lock gate = new();
    private Task<CallerIdentity>? answer;

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        Task<CallerIdentity> pending;
        lock (gate)
        {
            pending = answer ??= inner.GetCallerIdentityAsync(cancellationToken);
        }

        try
        {
            return await pending.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!pending.IsCompletedSuccessfully)
        {
            lock (gate)
            {
                if (ReferenceEquals(answer, pending))
                {
                    answer = null;
                }
            }

            throw;
        }
    }
}
