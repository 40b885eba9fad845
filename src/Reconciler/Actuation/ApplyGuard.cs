using Reconciler.Planning;

namespace Reconciler.Actuation;

/// <summary>
/// Decides, before each write, whether another may start: deadline, error ratio (of account-wide failures only),
/// cancellation. (The change budget is
/// handed out in plan order before apply starts; <see cref="BudgetExhausted"/> records it.) Thread-safe; once it says stop it
/// keeps saying so, with the first reason.
/// </summary>
internal sealed class ApplyGuard(ApplyOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private int finished;
    private int failed;

    private StopReason? stoppedWriting;
    private bool budgetExhausted;

    /// <summary>Why apply stopped starting writes (deadline, error ratio, cancellation), else whether the change budget
    /// left changes for the next run; null while nothing was held back.</summary>
    public StopReason? Stopped
    {
        get
        {
            lock (gate)
            {
                return stoppedWriting ?? (budgetExhausted ? StopReason.ChangeBudget : null);
            }
        }
    }

    /// <summary>True when another write may start; false once a stop condition has been met.</summary>
    public bool TryStart(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            stoppedWriting ??= cancellationToken.IsCancellationRequested ? StopReason.Cancelled
                : time.GetUtcNow() >= options.Deadline ? StopReason.Deadline
                : finished >= options.MinAttemptsBeforeErrorRatio && failed * 2 > finished ? StopReason.ErrorRatio
                : null;
            return stoppedWriting is null;
        }
    }

    /// <summary>Records that the change budget held changes back; writes within the budget go on.</summary>
    public void BudgetExhausted()
    {
        lock (gate)
        {
            budgetExhausted = true;
        }
    }

    /// <summary>
    /// Records how <paramref name="count"/> writes ended. Only account-wide failures (see <see cref="FailureScopes"/>)
    /// count against the ratio; a write AWS refused for its own resource is an answer from a working account, so it
    /// counts as an attempt that did not fail.
    /// </summary>
    public void Finished(int count, bool accountWideFailure)
    {
        lock (gate)
        {
            finished += count;
            if (accountWideFailure)
            {
                failed += count;
            }
        }
    }
}
