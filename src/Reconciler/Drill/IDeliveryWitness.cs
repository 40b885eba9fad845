namespace Reconciler.Drill;

/// <summary>Something that saw what SNS delivered (the --verify-delivery queue).</summary>
internal interface IDeliveryWitness
{
    /// <summary>True once the ALARM notification of <paramref name="alarmName"/> sent through <paramref name="topicArn"/> arrived.</summary>
    Task<bool> HasArrivedAsync(string alarmName, string topicArn, CancellationToken cancellationToken);
}
