using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class MatchReviewTests(HubFixture fixture)
{
    [Fact]
    public async Task MemberSync_WhenAnEmailMatchesSeveralMembers_HoldsTheRecordForReview_AndLinkingAppliesItToTheChosenMember()
    {
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_match_review", peopleCount: 3);
        var person = hub.People[0];
        var legacy = await hub.WithDbAsync(async db =>
        {
            var members = new[] { "legacy-1", "legacy-2" }.Select(id => new Member
            {
                AmsMemberId = id, Email = person.Email.ToUpperInvariant(), FirstName = "Shared", LastName = id,
                CreatedAt = hub.Factory.Clock.GetUtcNow(), UpdatedAt = hub.Factory.Clock.GetUtcNow(),
            }).ToList();
            db.Members.AddRange(members);
            await db.SaveChangesAsync();
            return members;
        });
        var admin = await hub.AdminAsync();

        await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);

        Assert.Null(await hub.WithDbAsync(db => db.Members.SingleOrDefaultAsync(m => m.AmsMemberId == person.AmsMemberId)));
        var open = await admin.GetFromJsonAsync<JsonElement>("/api/v1/match-reviews?status=open");
        var review = Assert.Single(open.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(person.AmsMemberId, review.GetProperty("externalIdentity").GetString());
        Assert.Equal(legacy.Select(m => m.Id).Order(), review.GetProperty("candidateMemberIds").EnumerateArray().Select(e => e.GetGuid()).Order());

        var linked = await admin.PostAsJsonAsync($"/api/v1/match-reviews/{review.GetProperty("id").GetGuid()}/link", new { memberId = legacy[0].Id });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);

        var member = await hub.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == legacy[0].Id));
        Assert.Equal(person.AmsMemberId, member.AmsMemberId);
        Assert.Equal(person.LastName, member.LastName);
        Assert.Equal(hub.People.Count - 1 + legacy.Count, await hub.WithDbAsync(db => db.Members.CountAsync()));
        var dismissAfterLink = await admin.PostAsync($"/api/v1/match-reviews/{review.GetProperty("id").GetGuid()}/dismiss", null);
        Assert.Equal(HttpStatusCode.Conflict, dismissAfterLink.StatusCode);
    }
}
