namespace CredentialConnect.Web.Features.Credentials;

/// <summary>Details of CredentialAwarded.</summary>
public sealed record CredentialAwardedData(Guid CredentialId, string Number, string ProgramCode, DateTimeOffset? ExpiresAt, string Reason);

/// <summary>Details of CredentialSuspended, CredentialRevoked and CredentialReinstated.</summary>
public sealed record CredentialStatusEventData(Guid CredentialId, string Number, string ProgramCode, CredentialStatus From, CredentialStatus To, string Reason);
