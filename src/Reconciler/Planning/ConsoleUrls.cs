namespace Reconciler.Planning;

/// <summary>Addresses of AWS console pages, in the console of the run's partition.</summary>
internal static class ConsoleUrls
{
    /// <summary>
    /// The CloudWatch console home of a Region: console.aws.amazon.com, console.amazonaws.cn for the China Regions,
    /// console.amazonaws-us-gov.com for GovCloud (US).
    /// </summary>
    public static string CloudWatch(string region)
    {
        var host = Arns.Partition(region) switch
        {
            "aws-cn" => "console.amazonaws.cn",
            "aws-us-gov" => "console.amazonaws-us-gov.com",
            _ => $"{region}.console.aws.amazon.com",
        };
        return $"https://{host}/cloudwatch/home?region={region}";
    }
}
