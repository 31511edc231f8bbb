namespace CredentialConnect.Badges.Baking;

/// <summary>A file that is not a well-formed baked badge: truncated, compressed where it must not be, unsafe XML, and so on.</summary>
public sealed class BadgeFormatException(string message) : Exception(message);
