using System.Text.Json;
using Reconciler.Hosting.Lambda;

namespace Reconciler.Tests.Hosting.Lambda;

public sealed class LambdaBootstrapTests
{
    [Fact]
    public async Task RunAsync_InvalidSettings_PostsInitErrorNamingEveryVariableAndReturnsOne()
    {
        await using var runtime = new FakeRuntimeApi();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["POLICY_DIR"] = AppContext.BaseDirectory,
            ["MAX_CHANGES_PER_RUN"] = "lots",
            ["LOG_LEVEL"] = "chatty",
        };
        using var output = new StringWriter();

        var exitCode = await LambdaBootstrap.RunAsync(environment.GetValueOrDefault, output, TimeProvider.System, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exitCode);
        var posted = await runtime.NextPostAsync();
        Assert.Equal((PostKind.InitError, LambdaHost.ErrorTypes.InvalidConfiguration), (posted.Kind, posted.ErrorType));
        using var body = JsonDocument.Parse(posted.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.Contains("MAX_CHANGES_PER_RUN: 'lots'", message, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL: 'chatty'", message, StringComparison.Ordinal);
        Assert.Equal(0, runtime.NextRequests);
    }

    [Fact]
    public async Task RunAsync_MissingPolicyFolder_PostsInitError()
    {
        await using var runtime = new FakeRuntimeApi();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["LAMBDA_TASK_ROOT"] = Path.Combine(Path.GetTempPath(), "no-such-task-root-" + Guid.NewGuid().ToString("N")),
        };
        using var output = new StringWriter();

        var exitCode = await LambdaBootstrap.RunAsync(environment.GetValueOrDefault, output, TimeProvider.System, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exitCode);
        var posted = await runtime.NextPostAsync();
        Assert.Equal(PostKind.InitError, posted.Kind);
        Assert.Contains("POLICY_DIR", posted.Body, StringComparison.Ordinal);
        Assert.Contains("Cannot start", output.ToString(), StringComparison.Ordinal);
    }
}
