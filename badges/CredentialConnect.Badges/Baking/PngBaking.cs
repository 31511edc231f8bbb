namespace CredentialConnect.Badges.Baking;

/// <summary>Open Badges 3.0 baked PNG: an uncompressed <c>iTXt</c> chunk keyed <c>openbadgecredential</c>.</summary>
public static class PngBaking
{
    public const string Keyword = "openbadgecredential";

    /// <summary>The image with the credential (JSON or a compact JWT) baked in, replacing any earlier one.</summary>
    public static byte[] Bake(ReadOnlySpan<byte> png, string credential) => throw new NotImplementedException();

    /// <summary>The baked credential, or null when the PNG has none; throws <see cref="BadgeFormatException"/> on a malformed PNG or a compressed chunk.</summary>
    public static string? Extract(ReadOnlySpan<byte> png) => throw new NotImplementedException();
}
