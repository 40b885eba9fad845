namespace Reconciler.Discovery;

/// <summary>What an ARN from the tagging API names, as far as this project cares.</summary>
internal abstract record ResourceArn(string Arn)
{
    /// <summary>Parses Lambda function and API Gateway REST API / stage ARNs; anything else is null.</summary>
    public static ResourceArn? Parse(string arn)
    {
        // arn:aws:lambda:us-east-1:123456789012:function:Name  (never qualified in tagging results)
        // arn:aws:apigateway:us-east-1::/restapis/a1b2c3  and  .../restapis/a1b2c3/stages/prod
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            return null;
        }

        return parts[2] switch
        {
            "lambda" => ParseLambda(arn, parts[5]),
            "apigateway" => ParseApiGateway(arn, parts[5]),
            _ => null,
        };
    }

    private static FunctionArn? ParseLambda(string arn, string resource)
    {
        var segments = resource.Split(':');
        return segments.Length == 2 && segments[0] == "function" && segments[1].Length > 0
            ? new FunctionArn(arn, segments[1])
            : null;
    }

    private static ResourceArn? ParseApiGateway(string arn, string resource)
    {
        var segments = resource.Split('/', StringSplitOptions.None);
        // "/restapis/{id}" splits to ["", "restapis", id]; a stage adds ["stages", name].
        if (segments.Length < 3 || segments[0].Length != 0 || segments[1] != "restapis" || segments[2].Length == 0)
        {
            return null;
        }

        return segments.Length switch
        {
            3 => new RestApiArn(arn, segments[2]),
            5 when segments[3] == "stages" && segments[4].Length > 0 => new StageArn(arn, segments[2], segments[4]),
            _ => null,
        };
    }
}

/// <summary>A Lambda function.</summary>
internal sealed record FunctionArn(string Arn, string FunctionName) : ResourceArn(Arn);

/// <summary>A REST API (its stages inherit its selection).</summary>
internal sealed record RestApiArn(string Arn, string RestApiId) : ResourceArn(Arn);

/// <summary>One stage of a REST API.</summary>
internal sealed record StageArn(string Arn, string RestApiId, string StageName) : ResourceArn(Arn);
