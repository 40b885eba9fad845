namespace Reconciler.Tests;

public class TypedBagTests
{
    private interface IThing;

    private sealed record Colour(string Name) : IThing;

    private sealed record Size(int Value) : IThing;

    [Fact]
    public void Find_NothingStoredUnderTheType_ReturnsNull()
    {
        var bag = TypedBag<IThing>.Empty.With(new Colour("red"));

        Assert.Null(bag.Find<Size>());
        Assert.Equal(new Colour("red"), bag.Find<Colour>());
    }

    [Fact]
    public void With_SameTypeTwice_ReplacesTheFirstAndLeavesTheOriginalUnchanged()
    {
        var red = TypedBag<IThing>.Empty.With(new Colour("red"));

        var blue = red.With(new Colour("blue"));

        Assert.Equal(new Colour("blue"), blue.Find<Colour>());
        Assert.Equal(new Colour("red"), red.Find<Colour>());
        Assert.Equal(1, blue.Count);
    }

    [Fact]
    public void Equals_SameValuesInAnotherOrder_AreEqual_DifferentValuesAreNot()
    {
        var first = TypedBag<IThing>.Empty.With(new Colour("red")).With(new Size(3));
        var second = TypedBag<IThing>.Empty.With(new Size(3)).With(new Colour("red"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, second.With(new Size(4)));
        Assert.NotEqual(first, TypedBag<IThing>.Empty.With(new Colour("red")));
    }
}
