using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>Stands in for the JavaScript engine: each script a test uses is given its value; any other script fails.</summary>
public sealed class ScriptedEvaluator : IScriptEvaluator
{
    private readonly Dictionary<string, Func<ExpressionScope, object?>> _values = [];
    private readonly Dictionary<string, Exception> _failures = [];
    private readonly Dictionary<string, string> _syntaxErrors = [];

    public ScriptedEvaluator Returns(string script, Func<ExpressionScope, object?> value)
    {
        _values[script] = value;
        _failures.Remove(script);
        return this;
    }

    public ScriptedEvaluator Returns(string script, object? value) => Returns(script, _ => value);

    public ScriptedEvaluator Throws(string script, Exception failure)
    {
        _failures[script] = failure;
        return this;
    }

    public ScriptedEvaluator HasSyntaxError(string script, string message)
    {
        _syntaxErrors[script] = message;
        return this;
    }

    public object? Evaluate(string script, ExpressionScope scope)
    {
        if (_failures.TryGetValue(script, out var failure)) throw failure;
        if (_values.TryGetValue(script, out var value)) return value(scope);
        throw new ScriptException($"The test gave no value for the script '{script}'.");
    }

    public ExpressionProblem? Check(string script) =>
        _syntaxErrors.TryGetValue(script, out var message) ? new ExpressionProblem(message, 1, 1) : null;
}
