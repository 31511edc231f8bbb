namespace CredentialConnect.Sandbox.Discourse;

/// <summary>What the hub did in the sandbox community.</summary>
public enum SandboxCommunityPostKind
{
    /// <summary>A badge was granted.</summary>
    Badge,

    /// <summary>A private message was sent.</summary>
    Message,
}

/// <summary>One thing the sandbox community received, for the host to show.</summary>
/// <param name="Kind">A badge grant or a private message.</param>
/// <param name="Username">Who got it (for a message, every recipient, comma-separated).</param>
/// <param name="Subject">The badge name, or the message title.</param>
/// <param name="At">When the forum received it, from the association's clock.</param>
public sealed record SandboxCommunityPost(SandboxCommunityPostKind Kind, string Username, string Subject, DateTimeOffset At);
