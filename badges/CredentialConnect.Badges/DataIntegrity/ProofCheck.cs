namespace CredentialConnect.Badges.DataIntegrity;

/// <summary>The outcome of checking a proof: passed, or failed with a reason a person can read.</summary>
public sealed record ProofCheck(bool Passed, string Reason)
{
    public static ProofCheck Pass(string reason) => new(true, reason);

    public static ProofCheck Fail(string reason) => new(false, reason);
}
