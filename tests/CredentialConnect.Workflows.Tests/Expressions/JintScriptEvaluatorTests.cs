using System.Diagnostics;
using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Tests.Expressions;

public sealed class JintScriptEvaluatorTests
{
    private readonly JintScriptEvaluator _evaluator = new();

    [Fact]
    public void Evaluate_WhenScriptLoopsForever_StopsItWithALimitError()
    {
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<ScriptLimitException>(() => _evaluator.Evaluate("while (true) {}", ScopeBuilder.Empty));

        watch.Stop();
        Assert.Matches("statements|time limit", error.Message);
        // A generous ceiling that still tells "stopped by a limit" from "ran until the test host gave up".
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Took {watch.Elapsed}");
    }

    [Fact]
    public void Evaluate_WhenLoopIsCheapButLong_StopsItAtTheTimeLimit()
    {
        var evaluator = new JintScriptEvaluator(new ScriptLimits { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(50) });

        var error = Assert.Throws<ScriptLimitException>(() => evaluator.Evaluate("for (;;) {}", ScopeBuilder.Empty));

        Assert.Contains("time limit of 50 ms", error.Message);
    }

    [Fact]
    public void Evaluate_WhenScriptRunsTooManyStatements_NamesTheStatementLimit()
    {
        var evaluator = new JintScriptEvaluator(new ScriptLimits { MaxStatements = 100, Timeout = TimeSpan.FromMinutes(1) });

        var error = Assert.Throws<ScriptLimitException>(() => evaluator.Evaluate("let n = 0; for (let i = 0; i < 1000; i++) { n += i; } n", ScopeBuilder.Empty));

        Assert.Contains("limit of 100 statements", error.Message);
    }

    [Fact]
    public void Evaluate_WhenScriptAllocatesWithoutBound_StopsItAtTheMemoryLimit()
    {
        var evaluator = new JintScriptEvaluator(new ScriptLimits { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromMinutes(1) });

        var error = Assert.Throws<ScriptLimitException>(() =>
            evaluator.Evaluate("let a = []; while (true) a.push('x'.repeat(1e6));", ScopeBuilder.Empty));

        Assert.Contains("memory limit", error.Message);
    }

    [Fact]
    public void Evaluate_WhenScriptRecursesDeeply_StopsItAtTheRecursionLimit()
    {
        var error = Assert.Throws<ScriptLimitException>(() =>
            _evaluator.Evaluate("function down(n) { return n === 0 ? 0 : 1 + down(n - 1); } down(100000)", ScopeBuilder.Empty));

        Assert.Contains("recursion limit of 64", error.Message);
    }

    [Fact]
    public void Evaluate_WhenRecursionStaysWithinTheLimit_ReturnsTheResult()
    {
        var result = _evaluator.Evaluate("function down(n) { return n === 0 ? 0 : 1 + down(n - 1); } down(50)", ScopeBuilder.Empty);

        Assert.Equal(50d, result);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("clrHelper.typeOf('System.String')")]
    [InlineData("host.functions")]
    public void Evaluate_WhenScriptReachesForTheClr_FailsWithAScriptError(string script)
    {
        var error = Assert.Throws<ScriptException>(() => _evaluator.Evaluate(script, ScopeBuilder.Empty));

        Assert.Contains("is not defined", error.Message);
        Assert.IsNotType<ScriptLimitException>(error);
    }

    [Fact]
    public void Evaluate_ScopeValuesArePlainObjects_WithNoWayBackToTheClr()
    {
        var scope = new ScopeBuilder().WithVariable("member", new Dictionary<string, object?> { ["name"] = "Ada" }).Build();

        var result = _evaluator.Evaluate(
            "[typeof variables.GetType, typeof variables.member.ToString, Object.getPrototypeOf(variables) === Object.prototype]", scope);

        Assert.Equal(new List<object?> { "undefined", "undefined", true }, result);
    }

    [Fact]
    public void Evaluate_WhenScriptHasASyntaxError_ReportsLineAndColumn()
    {
        var error = Assert.Throws<ScriptException>(() => _evaluator.Evaluate("let a = 1;\nlet b = ;", ScopeBuilder.Empty));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("column 9", error.Message);
    }

    [Fact]
    public void Evaluate_WhenScriptThrows_ReportsTheMessageAndWhere()
    {
        var error = Assert.Throws<ScriptException>(() => _evaluator.Evaluate("const x = 1;\nthrow new Error('no credits recorded');", ScopeBuilder.Empty));

        Assert.Contains("no credits recorded", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Evaluate_RunsInStrictMode()
    {
        var error = Assert.Throws<ScriptException>(() => _evaluator.Evaluate("undeclared = 5", ScopeBuilder.Empty));

        Assert.Contains("undeclared is not defined", error.Message);
    }

    [Fact]
    public void Evaluate_ReadsVariablesAndInput_AndReturnsPlainValues()
    {
        var scope = new ScopeBuilder()
            .WithVariable("attempts", 2)
            .WithVariable("tags", new[] { "ethics", "safety" })
            .WithInput("exam", JsonNode.Parse("""{"score": 61.5, "passed": false}"""))
            .Build();

        Assert.Equal(3d, _evaluator.Evaluate("variables.attempts + 1", scope));
        Assert.Equal(false, _evaluator.Evaluate("input.exam.passed", scope));
        Assert.Equal("ethics,safety", _evaluator.Evaluate("variables.tags.join(',')", scope));
        Assert.Null(_evaluator.Evaluate("variables.missing", scope));
    }

    [Fact]
    public void Evaluate_ReturnsObjectsAndArraysAsDictionariesAndLists()
    {
        var result = _evaluator.Evaluate("({ score: 61.5, tags: ['a', null], nested: { ok: true } })", ScopeBuilder.Empty);

        var values = Assert.IsType<Dictionary<string, object?>>(result);
        Assert.Equal(61.5d, values["score"]);
        Assert.Equal(new List<object?> { "a", null }, values["tags"]);
        Assert.Equal(true, Assert.IsType<Dictionary<string, object?>>(values["nested"])["ok"]);
    }

    [Fact]
    public void Evaluate_ClockIsTheScopesTime_NotTheMachines()
    {
        var scope = new ScopeBuilder().At(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero)).Build();

        Assert.Equal("2031-02-03T04:05:06.000Z", _evaluator.Evaluate("new Date().toISOString()", scope));
        Assert.Equal((double)scope.Now.ToUnixTimeMilliseconds(), _evaluator.Evaluate("Date.now()", scope));
        Assert.Equal("2031-02-03T04:05:06.000Z", _evaluator.Evaluate("now.toISOString()", scope));
        Assert.Equal("2031-02-03T04:05:06.000Z", _evaluator.Evaluate("now", scope));
    }

    [Fact]
    public void Evaluate_IsSafeToCallFromManyThreadsAtOnce()
    {
        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(i => _evaluator.Evaluate("variables.n * 2", new ScopeBuilder().WithVariable("n", i).Build()))
            .ToList();

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (object?)(i * 2d)).Order(), results.Order());
    }

    [Fact]
    public void Check_WhenScriptIsValid_ReturnsNoProblem()
    {
        Assert.Null(_evaluator.Check("variables.attempts >= 3 && !input.passed"));
    }

    [Fact]
    public void Check_WhenScriptHasASyntaxError_ReturnsTheProblemWithLineAndColumn_WithoutRunningIt()
    {
        var problem = _evaluator.Check("while (true) {}\nif (x {");

        Assert.NotNull(problem);
        Assert.Equal(2, problem.Line);
        Assert.Equal(7, problem.Column);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }
}
