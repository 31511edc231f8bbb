using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Events;

/// <summary>One event that a handler cannot take must not hold up the events queued with it, and is never lost.</summary>
public sealed class PoisonEventTests(HubFixture hub) : HubTest(hub)
{
    /// <summary>Fails on events marked poison until it is healed, as a handler with a bug fixed by a deploy would.</summary>
    private sealed class FragileHandler : IDomainEventHandler
    {
        public bool Healed { get; set; }
        public List<Guid> Handled { get; } = [];

        public Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
        {
            if (!Healed && domainEvent.Data.Contains("poison")) throw new InvalidOperationException("Cannot read the event's course.");
            lock (Handled) Handled.Add(domainEvent.Id);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task APoisonEvent_IsHeldAfterItsAttempts_TheOthersInItsBatchAreHandled_AndReleasingItHandsItOverAgain()
    {
        var handler = new FragileHandler();
        await using var host = Hub.Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IDomainEventHandler>(handler)));
        var member = await Hub.AddMemberAsync();
        var (before, poison, after) = await Hub.WithDbAsync(async db =>
        {
            var events = (
                db.Raise(DomainEventTypes.CourseCompleted, Hub.Now.AddMinutes(-3), member.Id, data: new { course = "ethics-101" }),
                db.Raise(DomainEventTypes.CourseCompleted, Hub.Now.AddMinutes(-2), member.Id, data: new { course = "poison" }),
                db.Raise(DomainEventTypes.CourseCompleted, Hub.Now.AddMinutes(-1), member.Id, data: new { course = "grants-201" }));
            await db.SaveChangesAsync();
            return events;
        });
        var dispatcher = host.Services.GetRequiredService<DomainEventDispatcher>();

        while (await dispatcher.DispatchAsync(200, CancellationToken.None) > 0) { }

        var stored = await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().Where(e => e.MemberId == member.Id).ToDictionaryAsync(e => e.Id));
        Assert.NotNull(stored[before.Id].HandledAt);
        Assert.NotNull(stored[after.Id].HandledAt);
        Assert.Null(stored[poison.Id].HandledAt);
        Assert.Equal(DomainEventDispatcher.MaxAttempts, stored[poison.Id].FailedAttempts);
        Assert.NotNull(stored[poison.Id].HeldAt);
        Assert.Equal("InvalidOperationException: Cannot read the event's course.", stored[poison.Id].LastError);

        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var held = Assert.Single((await (await admin.GetAsync("/api/v1/held-events")).ReadAsync<Page<HeldEventResponse>>()).Items);
        Assert.Equal((poison.Id, DomainEventDispatcher.MaxAttempts), (held.Id, held.FailedAttempts));
        handler.Healed = true;
        (await admin.PostJsonAsync($"/api/v1/held-events/{poison.Id}/release", new { })).EnsureSuccessStatusCode();
        while (await dispatcher.DispatchAsync(200, CancellationToken.None) > 0) { }

        Assert.NotNull((await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().SingleAsync(e => e.Id == poison.Id))).HandledAt);
        Assert.Equal(1, handler.Handled.Count(id => id == poison.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync($"/api/v1/held-events/{poison.Id}/release", new { })).StatusCode);
    }
}
