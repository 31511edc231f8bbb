namespace CredentialConnect.Workflows.Expressions;

/// <summary>The hard limits every script runs under. A script that breaks one throws <see cref="ScriptLimitException"/>.</summary>
public sealed record ScriptLimits
{
    /// <summary>Wall-clock time one evaluation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Memory one evaluation may allocate, in bytes.</summary>
    public long MemoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Statements one evaluation may run.</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>How deep function calls may nest.</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    public static ScriptLimits Default { get; } = new();
}
