using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Tests.Expressions;

/// <summary>Builds an <see cref="ExpressionScope"/> at a fixed time, with the variables and input a test needs.</summary>
internal sealed class ScopeBuilder
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly Dictionary<string, object?> _variables = [];
    private readonly Dictionary<string, object?> _input = [];
    private DateTimeOffset _now = DefaultNow;

    public ScopeBuilder WithVariable(string name, object? value)
    {
        _variables[name] = value;
        return this;
    }

    public ScopeBuilder WithInput(string name, object? value)
    {
        _input[name] = value;
        return this;
    }

    public ScopeBuilder At(DateTimeOffset now)
    {
        _now = now;
        return this;
    }

    public ExpressionScope Build() => new(_variables, _input, _now);

    public static ExpressionScope Empty => new ScopeBuilder().Build();
}
