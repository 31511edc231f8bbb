namespace CredentialConnect.Badges.Certificates;

/// <summary>What a printed certificate shows.</summary>
public sealed record CertificateContent(
    string MemberName, string ProgramName, string CredentialNumber, string IssuerName,
    DateTimeOffset IssuedAt, DateTimeOffset? ValidUntil, Uri VerificationUrl);

/// <summary>A one-page PDF certificate with a QR code to the verification page.</summary>
public static class CertificatePdf
{
    public static byte[] Render(CertificateContent content) => throw new NotImplementedException();
}
