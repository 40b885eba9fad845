using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Verification;

namespace Reconciler.Drill;

/// <summary>
/// One drill end to end: list the alarms the request can match, choose the owned ones (<see cref="DrillSelection"/>),
/// check the paths of their topics (the notification-path check, read-only), then, when asked to, set up the
/// delivery check, fire and restore them (<see cref="DrillEngine"/>) and clean up. A preview stops after the check.
/// </summary>
/// <param name="announce">Told, as it happens, what the drill creates and removes (stderr for the CLI).</param>
internal sealed class DrillRun(IAwsClients aws, string region, TimeProvider time, DrillOptions options, Action<string> announce)
{
    /// <summary>Runs (or previews) the drill. Only a failed alarm listing throws (<see cref="DrillException"/>).</summary>
    public async Task<DrillResult> RunAsync(DrillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = time.GetUtcNow();
        var listed = await ListAsync(request, cancellationToken);
        var policies = request.Policies.Select(policy => policy.Name).ToHashSet(StringComparer.Ordinal);
        var selection = DrillSelection.Choose(listed, policies, request.Globs, request.Owner);
        var warnings = await CheckTopicsAsync(selection.Targets, cancellationToken);
        if (!request.Execute || selection.Targets.Count == 0)
        {
            var preview = selection.Targets
                .Select(target => new DrilledAlarm(target.AlarmName, target.PolicyName, target.PreviousState, null, null, [.. target.AlarmActions.Select(arn => new DrillAction(arn, null, string.Empty))]))
                .ToList();
            return new DrillResult(request.RunId, region, startedAt, time.GetUtcNow(), false, preview, selection.Skipped, selection.UnmatchedGlobs, warnings, null);
        }

        DeliveryProbe? probe = null;
        DeliveryCheckResources? delivery = null;
        IReadOnlyList<DrilledAlarm> drilled;
        try
        {
            if (request.VerifyDelivery)
            {
                probe = new DeliveryProbe(aws.Sqs, aws.Sns, announce);
                if (!await probe.SetUpAsync(request.RunId, Topics(selection.Targets), cancellationToken))
                {
                    drilled = [.. selection.Targets.Select(target => NotDrilled(target, "the delivery check could not be set up (see deliveryCheck), so the alarm was not fired"))];
                    return Result(request, startedAt, drilled, selection, warnings, delivery, cancellationToken);
                }
            }

            drilled = await new DrillEngine(aws.CloudWatch, time, options).RunAsync(selection.Targets, request.RunId, startedAt, probe, cancellationToken);
        }
        finally
        {
            if (probe is not null)
            {
                delivery = await probe.CleanUpAsync();
                probe.Dispose();
            }
        }

        return Result(request, startedAt, drilled, selection, warnings, delivery, cancellationToken);
    }

    private DrillResult Result(DrillRequest request, DateTimeOffset startedAt, IReadOnlyList<DrilledAlarm> drilled, DrillSelection selection, IReadOnlyList<RunWarning> warnings, DeliveryCheckResources? delivery, CancellationToken cancellationToken) =>
        new(request.RunId, region, startedAt, time.GetUtcNow(), true, drilled, selection.Skipped, selection.UnmatchedGlobs, warnings, delivery, cancellationToken.IsCancellationRequested);

    private async Task<List<MetricAlarm>> ListAsync(DrillRequest request, CancellationToken cancellationToken)
    {
        var listed = new List<MetricAlarm>();
        var prefixes = DrillSelection.ListingPrefixes(request.Globs, request.Owner) ?? [null!];
        foreach (var prefix in prefixes)
        {
            try
            {
                await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix), cancellationToken))
                {
                    listed.Add(alarm);
                }
            }
            catch (AwsServiceException error)
            {
                throw new DrillException(
                    $"Could not list the alarms ({error.Operation} answered {error.ErrorCode}: {error.ErrorMessage}); nothing was drilled or changed. The drill needs cloudwatch:DescribeAlarms.",
                    error);
            }
        }

        return listed;
    }

    // The notification-path check of the drilled topics: a pending e-mail subscription is "delivered" for CloudWatch,
    // and still reaches nobody.
    private async Task<IReadOnlyList<RunWarning>> CheckTopicsAsync(IReadOnlyList<DrillTarget> targets, CancellationToken cancellationToken)
    {
        var topics = Topics(targets)
            .Where(topic => RegionFidelity.Elsewhere(topic, region) is null)
            .Select(topic => new NotifiedTopic(
                topic,
                [.. targets.Where(target => target.AlarmActions.Contains(topic)).Select(target => target.AlarmName)],
                [.. targets.Where(target => target.AlarmActions.Contains(topic)).Select(target => target.PolicyName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                ReceivesReports: false))
            .ToList();
        if (topics.Count == 0)
        {
            return [];
        }

        var accountId = string.Empty;
        try
        {
            accountId = (await aws.Sts.GetCallerIdentityAsync(cancellationToken)).Account;
        }
        catch (AwsServiceException)
        {
            // The check then judges account conditions of topic policies as unknown; it never stops a drill.
        }

        var reads = await new NotificationPathReader(aws.Sns).ReadAsync(topics, cancellationToken);
        return [.. topics.SelectMany(topic => NotificationPathCheck.Assess(topic, reads[topic.TopicArn], region, accountId))];
    }

    private static IReadOnlyList<string> Topics(IReadOnlyList<DrillTarget> targets) =>
        [.. targets.SelectMany(target => target.AlarmActions)
            .Where(arn => arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':') is [_, _, "sns", ..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static DrilledAlarm NotDrilled(DrillTarget target, string why) =>
        new(target.AlarmName, target.PolicyName, target.PreviousState, target.PreviousState, why,
            [.. target.AlarmActions.Select(arn => new DrillAction(arn, ActionOutcome.Unknown, why))]);
}
