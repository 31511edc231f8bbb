using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CredentialConnect.Connectors;

/// <summary>One item of a partner's list, read on its own: the item, or why it could not be used.</summary>
/// <typeparam name="T">The item's DTO.</typeparam>
/// <param name="Position">Where the item stood in the list, from 0.</param>
/// <param name="Id">The item's id as the partner wrote it, when it has a readable one, even if the rest is unusable.</param>
/// <param name="Item">The item; null when <paramref name="Problem"/> says why it is unusable.</param>
/// <param name="Problem">Why the item is unusable; null when it is usable.</param>
public sealed record PartnerItem<T>(int Position, string? Id, T? Item, string? Problem) where T : class;

/// <summary>
/// Reads a partner's list item by item, so one malformed item (a null where a name belongs, a number where text
/// belongs, no id) is skipped with a warning instead of failing the page or every later call that reads the list.
/// </summary>
public static class PartnerList
{
    /// <summary>
    /// Every item of <paramref name="items"/>, in order, each read as <typeparamref name="T"/> and checked with
    /// <paramref name="problemOf"/> (null for a usable item). Unusable items are logged by position and id only,
    /// never by their content, which may be personal data.
    /// </summary>
    public static IReadOnlyList<PartnerItem<T>> Read<T>(IReadOnlyList<JsonElement>? items, Func<T, string?> problemOf, ILogger logger, string what)
        where T : class
    {
        var read = new List<PartnerItem<T>>(items?.Count ?? 0);
        for (var position = 0; position < (items?.Count ?? 0); position++)
        {
            var element = items![position];
            var id = IdOf(element);
            var (item, problem) = ReadOne(element, problemOf);
            if (problem is not null)
                logger.LogWarning("Skipped {What} item at position {Position} (id {Id}): {Problem}", what, position, id ?? "none", problem);
            read.Add(new PartnerItem<T>(position, id, problem is null ? item : null, problem));
        }
        return read;
    }

    /// <summary>The usable items of <paramref name="items"/>, in order; the rest are logged and skipped.</summary>
    public static IReadOnlyList<T> Usable<T>(IReadOnlyList<JsonElement>? items, Func<T, string?> problemOf, ILogger logger, string what)
        where T : class =>
        [.. Read(items, problemOf, logger, what).Select(read => read.Item).OfType<T>()];

    private static (T? Item, string? Problem) ReadOne<T>(JsonElement element, Func<T, string?> problemOf) where T : class
    {
        if (element.ValueKind != JsonValueKind.Object) return (null, $"not an object but {element.ValueKind}");
        try
        {
            return element.Deserialize<T>(ConnectorJson.Options) is { } item ? (item, problemOf(item)) : (null, "empty");
        }
        catch (JsonException e)
        {
            // The path names the field; the message never carries the value.
            return (null, $"a field of the wrong type at {e.Path ?? "$"}");
        }
    }

    // "id" (Discourse, xAPI) or "Id" (Wild Apricot), as a number or a string.
    private static string? IdOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in (string[])["id", "Id"])
            if (element.TryGetProperty(name, out var id))
                return id.ValueKind switch
                {
                    JsonValueKind.Number when id.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                    JsonValueKind.String => id.GetString(),
                    _ => null,
                };
        return null;
    }
}
