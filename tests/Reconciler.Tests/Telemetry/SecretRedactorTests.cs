using Reconciler.Telemetry;

namespace Reconciler.Tests.Telemetry;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("SecretAccessKey", true)]
    [InlineData("AWS_SESSION_TOKEN", true)]
    [InlineData("password", true)]
    [InlineData("Authorization", true)]
    [InlineData("apiKey", true)]
    [InlineData("FunctionName", false)]
    [InlineData("RequestId", false)]
    [InlineData("ApiName", false)]
    public void IsSecretName_Name_DetectsSecretLookingKeys(string name, bool expected)
    {
        Assert.Equal(expected, SecretRedactor.IsSecretName(name));
    }

    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE used", "key [redacted] used")]
    [InlineData("temp ASIAY34FZKBOKMUTVV7A", "temp [redacted]")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261125/us-east-1/lambda/aws4_request, SignedHeaders=host", "AWS4-HMAC-SHA256 [redacted], SignedHeaders=host")]
    [InlineData("https://x/?X-Amz-Security-Token=abc%2Fdef&X-Amz-Date=1", "https://x/?[redacted]&X-Amz-Date=1")]
    [InlineData("function orders-api in us-east-1", "function orders-api in us-east-1")]
    public void RedactText_Text_MasksCredentials(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactText(text));
    }
}
