using Reconciler.Telemetry;

namespace Reconciler.Tests.Telemetry;

public sealed class MessageTemplateTests
{
    [Theory]
    [InlineData("Set tracing {Mode} on {FunctionName}", new[] { "Active", "orders-api" }, "Set tracing Active on orders-api")]
    [InlineData("No holes", new string[0], "No holes")]
    [InlineData("Missing {One} and {Two}", new[] { "1" }, "Missing 1 and {Two}")]
    [InlineData("Literal {{braces}} and {Value}", new[] { "v" }, "Literal {braces} and v")]
    [InlineData("Unclosed { brace {Value}", new[] { "v" }, "Unclosed { brace v")]
    [InlineData("{A}{B}", new[] { "x", "y" }, "xy")]
    public void Render_TemplateAndValues_FillsHolesInOrder(string template, string[] values, string expected)
    {
        Assert.Equal(expected, MessageTemplate.Render(template, values));
    }

    [Fact]
    public void HoleNames_Template_ListsNamesInOrder()
    {
        Assert.Equal(["Mode", "FunctionName"], MessageTemplate.HoleNames("Set tracing {Mode} on {FunctionName} {{not}}"));
    }
}
