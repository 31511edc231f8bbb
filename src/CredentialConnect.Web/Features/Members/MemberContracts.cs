namespace CredentialConnect.Web.Features.Members;

/// <summary>What a client sends to create or replace a member. <see cref="Version"/> is required on replace.</summary>
public sealed record MemberWrite(
    string AmsMemberId,
    string Email,
    string FirstName,
    string LastName,
    MembershipStatus? MembershipStatus,
    string? MembershipLevel,
    DateOnly? MemberSince,
    decimal? YearsOfExperience,
    string? LmsActor,
    string? CommunityUserId,
    string? City,
    string? Region,
    string? Country,
    DirectoryConsentWrite? Directory,
    int? Version);

public sealed record DirectoryConsentWrite(bool OptedIn, bool ShowName, bool ShowEmail, bool ShowLocation, bool ShowCredentials, int? Version);

public sealed record MemberResponse(
    Guid Id, string AmsMemberId, string Email, string FirstName, string LastName, MembershipStatus MembershipStatus,
    string? MembershipLevel, DateOnly? MemberSince, decimal? YearsOfExperience, string? LmsActor, string? CommunityUserId,
    string? City, string? Region, string? Country, DirectoryConsentResponse Directory, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, int Version)
{
    public static MemberResponse From(Member m) => new(
        m.Id, m.AmsMemberId, m.Email, m.FirstName, m.LastName, m.MembershipStatus, m.MembershipLevel, m.MemberSince,
        m.YearsOfExperience, m.LmsActor, m.CommunityUserId, m.City, m.Region, m.Country,
        new DirectoryConsentResponse(m.Directory.OptedIn, m.Directory.ShowName, m.Directory.ShowEmail, m.Directory.ShowLocation, m.Directory.ShowCredentials),
        m.CreatedAt, m.UpdatedAt, m.Version);
}

public sealed record DirectoryConsentResponse(bool OptedIn, bool ShowName, bool ShowEmail, bool ShowLocation, bool ShowCredentials);

public sealed record MemberSummary(Guid Id, string AmsMemberId, string FirstName, string LastName, string Email,
    MembershipStatus MembershipStatus, string? MembershipLevel, int Version);
