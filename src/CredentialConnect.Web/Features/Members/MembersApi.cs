using System.Linq.Expressions;
using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Members;

public sealed record MemberFilter(MembershipStatus? Status, string? Level, string? Q);

public static class MembersApi
{
    private static readonly SortFields<Member> Sortable = new(m => m.Id, "lastName",
        ("lastName", m => m.LastName), ("firstName", m => m.FirstName), ("email", m => m.Email),
        ("amsMemberId", m => m.AmsMemberId), ("memberSince", m => m.MemberSince), ("updatedAt", m => m.UpdatedAt));

    public static WebApplication MapMembersApi(this WebApplication app)
    {
        var members = app.MapGroup("/api/v1/members").WithTags("Members");
        var read = members.MapGroup("").RequireAuthorization(AccessPolicies.MembersRead);
        var write = members.MapGroup("").RequireAuthorization(AccessPolicies.MembersWrite);

        read.MapGet("/", ListAsync).WithName("ListMembers").WithSummary("Lists members; a Member sees only themself. Filter by status, level or text.");
        read.MapGet("/me", MeAsync).WithName("GetMyMemberRecord").WithSummary("The signed-in member's own record; 404 for an account or key with none.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/{id:guid}", GetAsync).WithName("GetMember").WithSummary("Gets one member. A Member may read only their own record.");
        read.MapPut("/{id:guid}/directory", SetDirectoryConsentAsync).WithName("SetDirectoryConsent")
            .WithSummary("Sets what the public directory may show. A member sets their own; an Admin may on their behalf.");
        write.MapPost("/", CreateAsync).WithName("CreateMember").WithSummary("Creates a member. The AMS member id must be new.");
        write.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceMember").WithSummary("Replaces a member's record. Send the version you read.");
        write.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteMember").WithSummary("Deletes a member who has no credential history.");
        return app;
    }

    internal static async Task<Results<Ok<Page<MemberSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] MemberFilter filter, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.Members.AsNoTracking();
        if (user.OwnMemberOnly() is { } own) query = query.Where(m => m.Id == own);
        if (filter.Status is { } status) query = query.Where(m => m.MembershipStatus == status);
        if (!string.IsNullOrWhiteSpace(filter.Level)) query = query.Where(m => m.MembershipLevel == filter.Level);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.Where(Matching(filter.Q.Trim().ToLower()));
        }
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable,
            m => new MemberSummary(m.Id, m.AmsMemberId, m.FirstName, m.LastName, m.Email, m.MembershipStatus, m.MembershipLevel, m.Version), ct));
    }

    /// <summary>Members whose name (first, last or both), email or AMS id match <paramref name="text"/>, given lower-cased.</summary>
    internal static Expression<Func<Member, bool>> Matching(string text) => m =>
        m.LastName.ToLower().Contains(text) || m.FirstName.ToLower().Contains(text) || (m.FirstName + " " + m.LastName).ToLower().Contains(text)
        || m.Email.ToLower().Contains(text) || m.AmsMemberId.ToLower() == text;

    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> MeAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        Guid.TryParse(user.FindFirstValue(HubClaims.MemberId), out var id) && await db.Members.FindAsync([id], ct) is { } member
            ? TypedResults.Ok(MemberResponse.From(member))
            : Problems.NotFoundResult("member record for", user.FindFirstValue(HubClaims.ActorName) ?? "this account");

    // A Member asking for someone else's record gets the same 404 as for a missing one: ids are not confirmed to exist.
    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        await FindVisibleAsync(db, user, id, ct) is { } member
            ? TypedResults.Ok(MemberResponse.From(member))
            : Problems.NotFoundResult("member", id);

    internal static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        MemberWrite request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (MemberRules.Validate(request, isReplace: false, DateOnly.FromDateTime(now.UtcDateTime)) is { Count: > 0 } errors)
            return Problems.ValidationFailed(errors);
        if (await db.Members.AnyAsync(m => m.AmsMemberId == request.AmsMemberId, ct))
            return Problems.ConflictResult($"A member with AMS id '{request.AmsMemberId}' already exists.");

        var member = new Member { AmsMemberId = "", Email = "", FirstName = "", LastName = "", CreatedAt = now };
        Apply(request, member, now);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/members/{member.Id}", MemberResponse.From(member));
    }

    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        Guid id, MemberWrite request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var member = await db.Members.FindAsync([id], ct);
        if (member is null) return Problems.NotFoundResult("member", id);
        if (MemberRules.Validate(request, isReplace: true, DateOnly.FromDateTime(now.UtcDateTime)) is { Count: > 0 } errors)
            return Problems.ValidationFailed(errors);
        if (await db.Members.AnyAsync(m => m.AmsMemberId == request.AmsMemberId && m.Id != id, ct))
            return Problems.ConflictResult($"A member with AMS id '{request.AmsMemberId}' already exists.");

        db.ExpectVersion(member, request.Version!.Value);
        Apply(request, member, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult, ValidationProblem>> SetDirectoryConsentAsync(
        Guid id, DirectoryConsentWrite request, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        // Consent is the member's to give; staff other than Admins cannot change it, and API clients never.
        var member = user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Member) ? await FindVisibleAsync(db, user, id, ct) : null;
        if (member is null) return Problems.NotFoundResult("member", id);
        if (request.Version is null) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);

        db.ExpectVersion(member, request.Version.Value);
        member.Directory = DirectoryConsent.Given(request.OptedIn, request.ShowName, request.ShowEmail, request.ShowLocation, request.ShowCredentials);
        member.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, AppDbContext db, CancellationToken ct)
    {
        var member = await db.Members.FindAsync([id], ct);
        if (member is null) return Problems.NotFoundResult("member", id);
        var hasHistory = await db.Credentials.AnyAsync(c => c.MemberId == id, ct) || await db.Applications.AnyAsync(a => a.MemberId == id, ct)
            || await db.ExamAttempts.AnyAsync(a => a.MemberId == id, ct) || await db.ContinuingEducationCredits.AnyAsync(c => c.MemberId == id, ct);
        if (hasHistory)
            return Problems.ConflictResult($"Member '{member.AmsMemberId}' has credential history (credentials, applications, exams or CE); it cannot be deleted.");
        db.Members.Remove(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Member?> FindVisibleAsync(AppDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        user.OwnMemberOnly() is { } own && own != id ? null : await db.Members.FindAsync([id], ct);

    private static void Apply(MemberWrite r, Member m, DateTimeOffset now)
    {
        m.AmsMemberId = r.AmsMemberId!.Trim();
        m.Email = r.Email!.Trim();
        m.FirstName = r.FirstName!.Trim();
        m.LastName = r.LastName!.Trim();
        m.MembershipStatus = r.MembershipStatus ?? MembershipStatus.Active;
        m.MembershipLevel = Blank(r.MembershipLevel);
        m.MemberSince = r.MemberSince;
        m.YearsOfExperience = r.YearsOfExperience;
        m.LmsActor = Blank(r.LmsActor);
        m.CommunityUserId = Blank(r.CommunityUserId);
        m.City = Blank(r.City);
        m.Region = Blank(r.Region);
        m.Country = Blank(r.Country);
        if (r.Directory is { } d) m.Directory = DirectoryConsent.Given(d.OptedIn, d.ShowName, d.ShowEmail, d.ShowLocation, d.ShowCredentials);
        m.UpdatedAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
