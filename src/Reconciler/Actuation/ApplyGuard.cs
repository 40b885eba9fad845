using Reconciler.Planning;

namespace Reconciler.Actuation;

/// <summary>
/// Decides, before each write, whether another may start: deadline, change budget, error ratio, cancellation.
/// Thread-safe; once it says stop it keeps saying so, with the first reason.
/// </summary>
internal sealed class ApplyGuard(ApplyOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private int started;
    private int finished;
    private int failed;

    /// <summary>The first reason apply stopped, or null while it goes on.</summary>
    public StopReason? Stopped { get; private set; }

    /// <summary>Reserves a slot for <paramref name="count"/> writes, or says why none may start.</summary>
    public bool TryStart(int count, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Stopped ??= cancellationToken.IsCancellationRequested ? StopReason.Cancelled
                : time.GetUtcNow() >= options.Deadline ? StopReason.Deadline
                : started + count > options.MaxChanges ? StopReason.ChangeBudget
                : finished >= options.MinAttemptsBeforeErrorRatio && failed * 2 > finished ? StopReason.ErrorRatio
                : null;
            if (Stopped is not null)
            {
                return false;
            }

            started += count;
            return true;
        }
    }

    /// <summary>Records how <paramref name="count"/> writes ended.</summary>
    public void Finished(int count, bool succeeded)
    {
        lock (gate)
        {
            finished += count;
            if (!succeeded)
            {
                failed += count;
            }
        }
    }
}
