namespace CredentialConnect.Web.Features.Demo;

/// <summary>The fixed facts of the demo association, printed on the console so a newcomer can sign in.</summary>
public static class DemoAssociation
{
    public const string Name = "Meridian Society of Nonprofit Professionals";
    public const string EmailDomain = "demo.credentialconnect.org";
    public const string AdminEmail = "admin@" + EmailDomain;
    public const string ReviewerEmail = "reviewer@" + EmailDomain;
    public const string MemberEmail = "member@" + EmailDomain;

    /// <summary>
    /// The demo runs only on the embedded default on a local machine, so a known password is the point:
    /// the console prints it. Production databases are never seeded.
    /// </summary>
    public const string Password = "demo-password-2026";

    public const int MemberCount = 200;
}
