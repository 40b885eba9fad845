using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Reconciler.Aws.Http;
using Reconciler.Aws.Services;

namespace Reconciler.Aws;

/// <summary>Creates the service clients of one run.</summary>
internal static class AwsClients
{
    /// <summary>
    /// Creates all clients over one HTTP stack (retry -> rate limiter -> SigV4 -> transport) with shared counters.
    /// Credentials are resolved now, so a missing identity is reported before any work starts.
    /// </summary>
    /// <exception cref="AwsConfigurationException">No credentials could be found, or the region is unknown.</exception>
    public static IAwsClients Create(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw new AwsConfigurationException("No AWS region is configured. Pass --region or set AWS_REGION.");
        }

        var credentials = options.Credentials ?? ResolveDefaultCredentials();
        return new AwsClientSet(new AwsTransport(options, credentials, new ApiCallCounters()));
    }

    private static AWSCredentials ResolveDefaultCredentials()
    {
        try
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            return resolver.ResolveIdentity(null);
        }
        catch (AmazonClientException error)
        {
            throw new AwsConfigurationException(
                "No AWS credentials were found (looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE and " +
                "~/.aws/credentials, SSO, web identity, the container and instance metadata). Set AWS_PROFILE or the " +
                $"access key variables, or run 'aws sso login'. Details: {error.Message}",
                error);
        }
    }

    private sealed class AwsClientSet(AwsTransport transport) : IAwsClients
    {
        public ITaggingClient Tagging { get; } = new TaggingClient(transport);

        public ILambdaClient Lambda { get; } = new LambdaClient(transport);

        public IApiGatewayClient ApiGateway { get; } = new ApiGatewayClient(transport);

        public ICloudWatchClient CloudWatch { get; } = new CloudWatchClient(transport);

        public ICloudWatchLogsClient Logs { get; } = new CloudWatchLogsClient(transport);

        public ISnsClient Sns { get; } = new SnsClient(transport);

        public IStsClient Sts { get; } = new RememberedCallerIdentity(new StsClient(transport));

        public ISqsClient Sqs { get; } = new SqsClient(transport);

        public IXRayClient XRay { get; } = new XRayClient(transport);

        public IApiCallCounters Counters => transport.Counters;

        public void Dispose() => transport.Dispose();
    }
}
