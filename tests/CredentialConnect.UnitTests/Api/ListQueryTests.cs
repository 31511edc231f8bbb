using CredentialConnect.Web.Api;

namespace CredentialConnect.UnitTests.Api;

public sealed class ListQueryTests
{
    private sealed record Row(string Name, int Rank, int Id = 0);

    private static readonly SortFields<Row> Sortable = new(r => r.Id, "name", ("name", r => r.Name), ("rank", r => r.Rank));
    private static readonly Row[] Rows = [new("b", 2), new("a", 3), new("c", 1)];

    [Fact]
    public void Defaults_AreFirstPageOfTwentyFive() =>
        Assert.Equal((1, 25), (new ListQuery(null, null, null).PageNumber, new ListQuery(null, null, null).Size));

    [Theory]
    [InlineData(0, 10, null, "page")]
    [InlineData(int.MaxValue, 10, null, "page")]
    [InlineData(1, 0, null, "pageSize")]
    [InlineData(1, ListQuery.MaxPageSize + 1, null, "pageSize")]
    [InlineData(1, 10, "secret", "sort")]
    public void Validate_OutOfRange_NamesTheParameter(int page, int size, string? sort, string field) =>
        Assert.True(new ListQuery(page, size, sort).Validate(Sortable).ContainsKey(field));

    [Fact]
    public void Apply_SortsByTheNamedFieldAndDirection()
    {
        Assert.Equal(["a", "b", "c"], Sortable.Apply(Rows.AsQueryable(), null).Select(r => r.Name));
        Assert.Equal(["a", "b", "c"], Sortable.Apply(Rows.AsQueryable(), "-rank").Select(r => r.Name));
        Assert.Equal(["c", "b", "a"], Sortable.Apply(Rows.AsQueryable(), "RANK").Select(r => r.Name));
    }

    [Fact]
    public void Apply_RowsThatTie_AreOrderedByTheTieBreakerInTheSameDirection()
    {
        Row[] tied = [new("x", 1, 3), new("x", 1, 1), new("x", 1, 2)];

        Assert.Equal([1, 2, 3], Sortable.Apply(tied.AsQueryable(), "name").Select(r => r.Id));
        Assert.Equal([3, 2, 1], Sortable.Apply(tied.AsQueryable(), "-name").Select(r => r.Id));
    }

    [Fact]
    public void Page_CountsPages() => Assert.Equal(3, new Page<int>([], 1, 10, 21).TotalPages);
}
