namespace Reconciler.Telemetry;

/// <summary>How important a log line is. Lines below the configured level (LOG_LEVEL) are not written.</summary>
internal enum RunLogLevel
{
    /// <summary>Detail for diagnosing a problem: every API call, every decision.</summary>
    Debug,

    /// <summary>What a run did: started, planned, applied, reported.</summary>
    Information,

    /// <summary>Something was skipped or retried, and the run went on.</summary>
    Warning,

    /// <summary>Something failed and someone may need to act.</summary>
    Error,
}
