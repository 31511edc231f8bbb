namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// What a script or template can read: the instance's variables, the triggering input, the time, and what the hub
/// knows about the instance (<see cref="Context"/>: <c>member</c>, <c>program</c>, <c>credential</c>, <c>association</c>),
/// each context entry visible by its own name.
/// </summary>
public sealed record ExpressionScope(
    IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyDictionary<string, object?> Input,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, object?>? Context = null)
{
    /// <summary>The names a script or template sees at its top level, besides those in <see cref="Context"/>.</summary>
    public static readonly IReadOnlyList<string> BuiltInNames = ["variables", "input", "now"];
}

/// <summary>A syntax or runtime problem in a script or template, with where it is when known.</summary>
public sealed record ExpressionProblem(string Message, int? Line = null, int? Column = null);

/// <summary>
/// Runs JavaScript with hard limits on time, memory, statements and recursion, and no access to the CLR.
/// A script that breaks a limit throws <see cref="ScriptLimitException"/>; any other failure throws <see cref="ScriptException"/>.
/// </summary>
public interface IScriptEvaluator
{
    /// <summary>The script's value, converted to plain .NET values (string, double, bool, null, lists and dictionaries).</summary>
    object? Evaluate(string script, ExpressionScope scope);

    /// <summary>Parses without running; null when the script is valid.</summary>
    ExpressionProblem? Check(string script);
}

/// <summary>Renders Liquid templates (message subjects and bodies) safely.</summary>
public interface ITemplateRenderer
{
    string Render(string template, ExpressionScope scope);

    /// <summary>Parses without rendering; null when the template is valid.</summary>
    ExpressionProblem? Check(string template);
}

public class ScriptException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The script ran too long, used too much memory, ran too many statements or recursed too deep.</summary>
public sealed class ScriptLimitException(string message, Exception? inner = null) : ScriptException(message, inner);
