using System.Text.Json.Nodes;
using CredentialConnect.Connectors;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotMappingTests : WildApricotConnection
{
    public WildApricotMappingTests() => Server.GivenTokens(ApiKey);

    private async Task<MemberRecord> ReadAsync(WildApricotContactBuilder contact)
    {
        Server.Given(Contacts(ContactsPath)).RespondWith(ContactsResponse(contact));
        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        Assert.Null(fetch.Failure);
        return Assert.Single(fetch.Value!.Items);
    }

    [Fact]
    public async Task GetChanges_MapsTheContactAndItsFieldValuesToAMember()
    {
        var contact = new WildApricotContactBuilder(50321)
            .Named("Grace", "Hopper")
            .WithEmail("grace@example.org")
            .WithLevel("Fellow")
            .WithStatus("PendingRenewal")
            .UpdatedAt("2024-02-20T10:11:12.345-05:00")
            .WithField("Member since", "2019-05-01T00:00:00-05:00", "MemberSince")
            .WithField("Renewal due", "2025-05-01", "RenewalDue")
            .WithField("Membership status", new JsonObject { ["Id"] = 4, ["Label"] = "Pending - Renewal" }, "Status")
            .WithField("Membership level ID", 7001, "MembershipLevelId")
            .WithField("City", "Arlington", "custom-11")
            .WithField("State", "Virginia", "custom-12")
            .WithField("Country", new JsonObject { ["Id"] = 840, ["Label"] = "United States" }, "custom-13");

        var member = await ReadAsync(contact);

        Assert.Equal(
            new MemberRecord("50321", "grace@example.org", "Grace", "Hopper", AmsMembershipStatus.PendingRenewal, "Fellow",
                new DateOnly(2019, 5, 1), new DateOnly(2025, 5, 1), new DateTimeOffset(2024, 2, 20, 15, 11, 12, 345, TimeSpan.Zero))
            {
                City = "Arlington",
                Region = "Virginia",
                Country = "United States",
            },
            member);
    }

    [Theory]
    [InlineData("Active", AmsMembershipStatus.Active)]
    [InlineData("Lapsed", AmsMembershipStatus.Lapsed)]
    [InlineData("PendingNew", AmsMembershipStatus.PendingNew)]
    [InlineData("PendingRenewal", AmsMembershipStatus.PendingRenewal)]
    [InlineData("PendingLevel", AmsMembershipStatus.Active)]
    [InlineData("Suspended", AmsMembershipStatus.Suspended)]
    public async Task GetChanges_MapsWildApricotsMembershipStatus(string status, AmsMembershipStatus expected)
    {
        var member = await ReadAsync(new WildApricotContactBuilder(1).WithStatus(status));

        Assert.Equal(expected, member.Status);
    }

    [Fact]
    public async Task GetChanges_WithoutATopLevelStatus_ReadsTheStatusField()
    {
        var member = await ReadAsync(new WildApricotContactBuilder(1).WithStatus(null)
            .WithField("Membership status", new JsonObject { ["Id"] = 3, ["Label"] = "Pending - New" }, "Status"));

        Assert.Equal(AmsMembershipStatus.PendingNew, member.Status);
    }

    [Fact]
    public async Task GetChanges_AContactWithoutAMembership_ReadsAsLapsedWithNoLevel()
    {
        var member = await ReadAsync(new WildApricotContactBuilder(1).WithoutMembership());

        Assert.Equal((AmsMembershipStatus.Lapsed, (string?)null), (member.Status, member.Level));
    }

    [Fact]
    public async Task GetChanges_WithoutDatesOrEmail_LeavesThemEmpty()
    {
        var member = await ReadAsync(new WildApricotContactBuilder(1).WithEmail(null).UpdatedAt((string?)null));

        Assert.Equal(("", (DateOnly?)null, (DateOnly?)null, Clock.GetUtcNow()), (member.Email, member.MemberSince, member.RenewalDue, member.UpdatedAt));
    }
}
