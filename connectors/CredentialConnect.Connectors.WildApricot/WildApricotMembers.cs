using System.Globalization;
using System.Text.Json;
using CredentialConnect.Connectors.WildApricot.Models;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>Reads a Wild Apricot contact as the hub's <see cref="MemberRecord"/>.</summary>
internal static class WildApricotMembers
{
    private static readonly string[] RegionFields = ["State", "State/Province", "Province/State", "State/Prov", "Province", "Region"];

    /// <summary>The member a contact describes. <paramref name="readAt"/> stands in for a missing "Profile last updated".</summary>
    public static MemberRecord ToMember(WildApricotContact contact, DateTimeOffset readAt) =>
        new(
            contact.Id.ToString(CultureInfo.InvariantCulture),
            contact.Email ?? "",
            contact.FirstName ?? "",
            contact.LastName ?? "",
            Status(contact),
            contact.MembershipLevel?.Name,
            Date(SystemField(contact, "MemberSince")),
            Date(SystemField(contact, "RenewalDue")),
            UpdatedAt(contact) ?? readAt)
        {
            City = Text(NamedField(contact, "City")),
            Region = RegionFields.Select(name => Text(NamedField(contact, name))).FirstOrDefault(value => value is not null),
            Country = Text(NamedField(contact, "Country")),
        };

    /// <summary>When Wild Apricot last changed the contact: <c>ProfileLastUpdated</c>, or its "LastUpdated" field.</summary>
    public static DateTimeOffset? UpdatedAt(WildApricotContact contact) =>
        Instant(contact.ProfileLastUpdated) ?? Instant(Text(SystemField(contact, "LastUpdated")));

    /// <summary>Reads Wild Apricot's timestamps, with an offset (<c>2024-03-01T10:00:00-05:00</c>) or without one (taken as UTC).</summary>
    public static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    /// <summary>
    /// The calendar date Wild Apricot shows: <c>2024-03-01</c>, or the date part of <c>2024-03-01T00:00:00-05:00</c>
    /// as written, not shifted to UTC (which would turn it into the day before).
    /// </summary>
    public static DateOnly? Date(JsonElement? value)
    {
        var text = Text(value);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.DateTime)
            : null;
    }

    // A contact without a membership (a donor, an event guest) reads as lapsed: not a member in good standing.
    private static AmsMembershipStatus Status(WildApricotContact contact)
    {
        if (contact.MembershipEnabled == false) return AmsMembershipStatus.Lapsed;
        var status = contact.Status ?? Text(SystemField(contact, "Status"));
        return Letters(status) switch
        {
            "active" => AmsMembershipStatus.Active,
            "pendingnew" => AmsMembershipStatus.PendingNew,
            "pendingrenewal" => AmsMembershipStatus.PendingRenewal,
            // A pending level change leaves the current membership in force.
            "pendinglevel" or "pendinglevelchange" or "pendingupgrade" => AmsMembershipStatus.Active,
            "suspended" => AmsMembershipStatus.Suspended,
            _ => AmsMembershipStatus.Lapsed,
        };
    }

    // "Pending - Renewal" (a field label) and "PendingRenewal" (the API's word) read the same.
    private static string Letters(string? text) =>
        text is null ? "" : string.Concat(text.Where(char.IsLetter)).ToLowerInvariant();

    private static JsonElement? SystemField(WildApricotContact contact, string systemCode) =>
        contact.FieldValues?.FirstOrDefault(field => field is not null && string.Equals(field.SystemCode, systemCode, StringComparison.OrdinalIgnoreCase))?.Value;

    private static JsonElement? NamedField(WildApricotContact contact, string name) =>
        contact.FieldValues?.FirstOrDefault(field => field is not null && string.Equals(field.FieldName, name, StringComparison.OrdinalIgnoreCase))?.Value;

    // Choice fields hold {"Id": 1, "Label": "Active"}; the label is what people read.
    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } element => NullIfEmpty(element.GetString()),
        { ValueKind: JsonValueKind.Number } element => element.GetRawText(),
        { ValueKind: JsonValueKind.Object } element when element.TryGetProperty("Label", out var label) => Text(label),
        _ => null,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
