using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Api;

/// <summary>One page of a list, with what a client needs to fetch the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;

    /// <summary>
    /// True when <see cref="TotalCount"/> is a lower bound ("10,000+"): a list that counts its matches only up to a
    /// bound says so here, and <see cref="HasMore"/> tells whether another page follows.
    /// </summary>
    public bool TotalIsEstimate { get; init; }

    /// <summary>Whether a page follows this one. Unless the list says otherwise, whether this is before the last page.</summary>
    public bool HasMore { get => _hasMore ?? PageNumber < TotalPages; init => _hasMore = value; }
    private readonly bool? _hasMore;

    /// <summary>
    /// For lists with keyset paging, where the next page starts: send it back as <c>after</c>. Absent on the last page
    /// and on lists paged by number only.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }

    /// <summary>The same page with each item shaped for the response, for shapes SQL cannot produce.</summary>
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), PageNumber, PageSize, TotalCount)
    {
        TotalIsEstimate = TotalIsEstimate, HasMore = HasMore, NextCursor = NextCursor,
    };
}

/// <summary>
/// Paging and sorting shared by every list endpoint: <c>?page=2&amp;pageSize=50&amp;sort=-name</c>.
/// A leading minus sorts descending. Only the fields a feature names are sortable.
/// </summary>
/// <remarks>
/// <see cref="SchemaRules"/> writes the bounds into the API document. (Validation attributes here would say the same,
/// but the document generator cannot read them from an <c>[AsParameters]</c> record.)
/// </remarks>
public sealed record ListQuery(int? Page, int? PageSize, string? Sort)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
    public const int MaxPageNumber = 1_000_000;

    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? DefaultPageSize;

    public Dictionary<string, string[]> Validate<T>(SortFields<T> sortable)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageNumber is < 1 or > MaxPageNumber) errors["page"] = [$"Page must be between 1 and {MaxPageNumber:N0}."];
        if (Size is < 1 or > MaxPageSize) errors["pageSize"] = [$"Page size must be between 1 and {MaxPageSize}."];
        if (!string.IsNullOrWhiteSpace(Sort) && !sortable.Knows(Sort))
            errors["sort"] = [$"Cannot sort by '{Sort}'. Sortable fields: {string.Join(", ", sortable.Names)} (prefix with '-' for descending)."];
        return errors;
    }
}

/// <summary>
/// The fields of <typeparamref name="T"/> a list can be sorted by, and the default order. Rows that tie on the
/// sort field are ordered by <paramref name="tieBreaker"/> (a unique key), so no row repeats or vanishes between pages.
/// </summary>
public sealed class SortFields<T>(Expression<Func<T, object?>> tieBreaker, string defaultField, params (string Name, Expression<Func<T, object?>> Key)[] fields)
{
    private readonly Dictionary<string, Expression<Func<T, object?>>> _fields =
        fields.ToDictionary(f => f.Name, f => f.Key, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => _fields.Keys;

    public bool Knows(string sort) => _fields.ContainsKey(sort.TrimStart('-'));

    public IOrderedQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        var spec = string.IsNullOrWhiteSpace(sort) ? defaultField : sort;
        var descending = spec.StartsWith('-');
        var key = _fields[spec.TrimStart('-')];
        return descending ? query.OrderByDescending(key).ThenByDescending(tieBreaker) : query.OrderBy(key).ThenBy(tieBreaker);
    }
}

public static class PagingExtensions
{
    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> query, ListQuery list, SortFields<T> sortable,
        Expression<Func<T, TOut>> project, CancellationToken ct)
    {
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        var items = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            sortable.Apply(query, list.Sort)
                .Skip((list.PageNumber - 1) * list.Size)
                .Take(list.Size)
                .Select(project), ct);
        return new Page<TOut>(items, list.PageNumber, list.Size, total);
    }

    /// <summary>
    /// An optional <c>?status=</c> filter, read without regard to case. Null when absent; a validation problem naming
    /// the choices when it is not one of them.
    /// </summary>
    public static (TEnum? Status, ValidationProblem? Problem) ReadStatusFilter<TEnum>(string? value) where TEnum : struct, Enum =>
        value is null ? (null, null)
        : Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) ? (parsed, null)
        : (null, Problems.ValidationFailed("status", $"Status must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}."));
}
