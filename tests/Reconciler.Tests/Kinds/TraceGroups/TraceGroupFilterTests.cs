using Reconciler.Kinds.TraceGroups;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.TraceGroups;

public class TraceGroupFilterTests
{
    [Fact]
    public void For_FunctionsAndStages_OneTermEachFunctionsFirstInNameOrder()
    {
        var (expression, leftOut) = TraceGroupFilter.For([Function("UploadFile"), Function("ManageProjects")], [Stage("ProjectManagementAPI", "prod")]);

        Assert.Equal(
            "service(id(name: \"ManageProjects\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"UploadFile\", type: \"AWS::Lambda::Function\")) OR service(id(name: \"ProjectManagementAPI/prod\", type: \"AWS::ApiGateway::Stage\"))",
            expression);
        Assert.Equal(0, leftOut);
    }

    [Fact]
    public void For_NothingSelected_IsNull()
    {
        Assert.Equal((null, 0), TraceGroupFilter.For([], []));
    }

    [Fact]
    public void For_QuoteOrBackslashInAnApiName_IsEscaped()
    {
        var (expression, _) = TraceGroupFilter.For([], [Stage("say \"hi\" \\ bye", "prod")]);

        Assert.Equal("service(id(name: \"say \\\"hi\\\" \\\\ bye/prod\", type: \"AWS::ApiGateway::Stage\"))", expression);
    }

    [Fact]
    public void For_MoreResourcesThanTheBudgetHolds_KeepsWhatFitsAndCountsTheRest()
    {
        var functions = Enumerable.Range(0, 100).Select(i => Function($"orders-function-{i:D3}")).ToList();

        var (expression, leftOut) = TraceGroupFilter.For(functions, []);

        Assert.NotNull(expression);
        Assert.True(expression.Length <= TraceGroupFilter.MaxLength, $"{expression.Length} characters");
        var kept = expression.Split(" OR ").Length;
        Assert.Equal(100, kept + leftOut);
        Assert.True(leftOut > 0);
        Assert.Contains("orders-function-000", expression, StringComparison.Ordinal);
        Assert.DoesNotContain("orders-function-099", expression, StringComparison.Ordinal);
    }
}
