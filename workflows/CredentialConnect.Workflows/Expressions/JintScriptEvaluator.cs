using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// JavaScript through Jint in strict mode, sandboxed: a fresh engine per evaluation, no CLR access, the
/// scope passed in as plain JSON data, and the clock pinned to <see cref="ExpressionScope.Now"/> so that
/// <c>Date.now()</c> and <c>new Date()</c> read the workflow's time, not the machine's.
/// </summary>
public sealed class JintScriptEvaluator(ScriptLimits? limits = null) : IScriptEvaluator
{
    private const int MaxCachedScripts = 1024;
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Prepared = new();
    private readonly ScriptLimits _limits = limits ?? ScriptLimits.Default;

    public object? Evaluate(string script, ExpressionScope scope)
    {
        var prepared = Prepare(script);
        var engine = NewEngine(scope.Now);
        try
        {
            engine.SetValue("variables", PlainJs.ToJs(engine, scope.Variables));
            engine.SetValue("input", PlainJs.ToJs(engine, scope.Input));
            engine.SetValue("now", engine.Construct("Date", new JsNumber(scope.Now.ToUnixTimeMilliseconds())));
            if (scope.Context is { Count: > 0 } context)
            {
                var values = PlainJs.ToJs(engine, context).AsObject();
                foreach (var name in context.Keys.Where(n => !ExpressionScope.BuiltInNames.Contains(n))) engine.SetValue(name, values.Get(name));
            }
            return PlainJs.FromJs(engine, engine.Evaluate(prepared));
        }
        catch (Exception e) when (e is not ScriptException)
        {
            throw Describe(e) ?? new ScriptException($"The script failed: {e.Message}", e);
        }
    }

    public ExpressionProblem? Check(string script)
    {
        try
        {
            Prepare(script);
            return null;
        }
        catch (ScriptException e) when (e.InnerException is ParseErrorException parse)
        {
            return new ExpressionProblem(parse.Description, parse.LineNumber, parse.Column + 1);
        }
    }

    private Engine NewEngine(DateTimeOffset now) => new(options =>
    {
        options.Strict()
            .TimeoutInterval(_limits.Timeout)
            .LimitMemory(_limits.MemoryBytes)
            .MaxStatements(_limits.MaxStatements)
            .LimitRecursion(_limits.MaxRecursionDepth);
        options.TimeSystem = new FixedTimeSystem(now);
    });

    // Parsing is the costly part and a definition's scripts repeat, so parsed scripts are shared between engines.
    private static Prepared<Script> Prepare(string script)
    {
        if (Prepared.TryGetValue(script, out var cached)) return cached;
        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(script, strict: true);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException parse)
        {
            throw new ScriptException($"Syntax error at line {parse.LineNumber}, column {parse.Column + 1}: {parse.Description}", parse);
        }
        if (Prepared.Count >= MaxCachedScripts) Prepared.Clear();
        return Prepared.GetOrAdd(script, prepared);
    }

    private ScriptException? Describe(Exception e) => e switch
    {
        TimeoutException => new ScriptLimitException($"The script ran longer than the time limit of {_limits.Timeout.TotalMilliseconds:0} ms.", e),
        MemoryLimitExceededException => new ScriptLimitException($"The script used more than the memory limit of {_limits.MemoryBytes:N0} bytes.", e),
        StatementsCountOverflowException => new ScriptLimitException($"The script ran more than the limit of {_limits.MaxStatements:N0} statements.", e),
        RecursionDepthOverflowException => new ScriptLimitException($"The script nested calls deeper than the recursion limit of {_limits.MaxRecursionDepth}.", e),
        JavaScriptException js => new ScriptException($"{js.Message} (line {js.Location.Start.Line}, column {js.Location.Start.Column + 1})", e),
        _ => null,
    };
}
