namespace Reconciler.Planning;

/// <summary>How one planned change ended. None is ever lost: each ends in exactly one of these.</summary>
internal enum ChangeStatus
{
    /// <summary>Written and acknowledged by AWS.</summary>
    Applied,

    /// <summary>AWS refused it or it ran out of retries; <see cref="ChangeOutcome.ErrorCode"/> says why.</summary>
    Failed,

    /// <summary>Deliberately not written: audit mode, dry run, or a guard that stops the run.</summary>
    Skipped,

    /// <summary>Not started before the deadline or the change budget ran out; the next run picks it up.</summary>
    Pending,
}

/// <summary>One change and how it ended.</summary>
internal sealed record ChangeOutcome(
    PlannedChange Change,
    ChangeStatus Status,
    string? ErrorCode,
    string? Message);

/// <summary>Why apply stopped starting new writes before the end of the plan.</summary>
internal enum StopReason
{
    /// <summary>The run's deadline came near.</summary>
    Deadline,

    /// <summary>maxChangesPerRun was reached.</summary>
    ChangeBudget,

    /// <summary>More than half of the attempted changes failed.</summary>
    ErrorRatio,

    /// <summary>The run was cancelled.</summary>
    Cancelled,
}

/// <summary>What apply did with a plan.</summary>
internal sealed record ApplyResult(IReadOnlyList<ChangeOutcome> Outcomes, StopReason? Stopped);
