using Reconciler.Planning;
using Xunit;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public sealed class PlanFragmentTests
{
    private static readonly ObservedFunction Manage = Function("ManageProjects");

    private static ResourceBook RunBook()
    {
        var book = new ResourceBook();
        book.Register(new PolicySelection(Policy(), null, [Manage], [], []));
        return book;
    }

    [Fact]
    public void Record_MarksOfTwoSteps_ResolveInStepOrderKeepingTheStrongestState()
    {
        var first = new PlanFragmentBuilder();
        first.Book.MarkDrifted(PolicyName, Manage.Arn, "tracing: PassThrough -> Active");
        var second = new PlanFragmentBuilder();
        second.Book.MarkDrifted(PolicyName, Manage.Arn, "alarm latency missing");
        second.Book.MarkConflict(PolicyName, Manage.Arn, "alarm x is not owned by this policy");
        second.Book.MarkConflict(PolicyName, Manage.Arn, "alarm name y collides");
        var book = RunBook();

        book.Record(first.Build().Marks);
        book.Record(second.Build().Marks);

        var assessment = Assert.Single(book.Assessments());
        Assert.Equal(ResourceState.Conflict, assessment.State);
        Assert.Equal("alarm x is not owned by this policy; alarm name y collides", assessment.Reason);
    }

    [Fact]
    public void Record_MarkOnAResourceNoPolicyRegistered_IsDropped()
    {
        var step = new PlanFragmentBuilder();
        step.Book.MarkConflict(PolicyName, "arn:aws:lambda:us-east-1:123456789012:function:Elsewhere", "policies disagree on tracing");
        step.Book.MarkDrifted("another-policy", Manage.Arn, "tracing: PassThrough -> Active");
        var book = RunBook();

        book.Record(step.Build().Marks);

        var assessment = Assert.Single(book.Assessments());
        Assert.Equal((ResourceState.InSync, (string?)null), (assessment.State, assessment.Reason));
    }

    [Fact]
    public void Then_TwoFragments_KeepsEveryListInOrder()
    {
        var first = new PlanFragmentBuilder();
        first.Notices.Add(new PlanNotice("b", "second by name, first by step"));
        first.Book.MarkUnknown("b", "arn:1", "one");
        var second = new PlanFragmentBuilder();
        second.Notices.Add(new PlanNotice("a", "first by name, second by step"));
        second.Book.MarkUnknown("a", "arn:2", "two");

        var merged = first.Build().Then(second.Build());

        Assert.Equal(["b", "a"], merged.Notices.Select(n => n.PolicyName));
        Assert.Equal(["one", "two"], merged.Marks.Select(m => m.Reason));
    }
}
