using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Tests.Expressions;

public sealed class FluidTemplateRendererTests
{
    private readonly FluidTemplateRenderer _renderer = new();

    [Fact]
    public void Render_FillsInVariablesAndInput()
    {
        var scope = new ScopeBuilder()
            .WithVariable("member", new Dictionary<string, object?> { ["firstName"] = "Ada", ["ceHours"] = 12.5m })
            .WithInput("exam", JsonNode.Parse("""{"program": "Certified Nurse Planner", "attempt": 2, "topics": ["Ethics", "Safety"]}"""))
            .Build();

        var text = _renderer.Render(
            "Hi {{ variables.member.firstName }}, attempt {{ input.exam.attempt }} of the {{ input.exam.program }} exam " +
            "({{ variables.member.ceHours }} hours). Topics: {{ input.exam.topics | join: ', ' }}.{% if input.exam.attempt > 1 %} Keep going!{% endif %}",
            scope);

        Assert.Equal("Hi Ada, attempt 2 of the Certified Nurse Planner exam (12.5 hours). Topics: Ethics, Safety. Keep going!", text);
    }

    [Fact]
    public void Render_WhenValuesAreMissing_RendersThemEmpty()
    {
        var scope = new ScopeBuilder().WithVariable("member", new Dictionary<string, object?> { ["firstName"] = "Ada" }).Build();

        var text = _renderer.Render("[{{ variables.member.lastName }}][{{ input.nothing.here }}][{{ unknown }}]", scope);

        Assert.Equal("[][][]", text);
    }

    [Fact]
    public void Render_FormatsDatesWithTheScopesTime()
    {
        var scope = new ScopeBuilder()
            .At(new DateTimeOffset(2026, 9, 14, 8, 0, 0, TimeSpan.Zero))
            .WithVariable("expiresAt", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero))
            .Build();

        var text = _renderer.Render("{{ now | date: '%Y-%m-%d' }} / {{ 'now' | date: '%d %b %Y' }} / {{ variables.expiresAt | date: '%B %-d, %Y' }}", scope);

        Assert.Equal("2026-09-14 / 14 Sep 2026 / December 31, 2026", text);
    }

    [Fact]
    public void Render_DoesNotReflectOverClrObjects()
    {
        var scope = new ScopeBuilder().WithVariable("clock", new Uri("https://example.org/secret")).WithVariable("type", typeof(string)).Build();

        var text = _renderer.Render("[{{ variables.clock.Host }}][{{ variables.type.Assembly }}]", scope);

        Assert.Equal("[][]", text);
    }

    [Fact]
    public void Render_CannotIncludeFiles()
    {
        var error = Assert.Throws<ScriptException>(() => _renderer.Render("{% include '/etc/passwd' %}", ScopeBuilder.Empty));

        Assert.DoesNotContain("root:", error.Message);
    }

    [Fact]
    public void Render_WhenTemplateLoopsTooLong_StopsItWithALimitError()
    {
        var template = "{% for a in (1..1000) %}{% for b in (1..1000) %}x{% endfor %}{% endfor %}";

        var error = Assert.Throws<ScriptLimitException>(() => _renderer.Render(template, ScopeBuilder.Empty));

        Assert.Contains("limits", error.Message);
    }

    [Fact]
    public void Render_WhenTemplateHasASyntaxError_ThrowsAScriptErrorWithThePosition()
    {
        var error = Assert.Throws<ScriptException>(() => _renderer.Render("Hello\n{% if variables.x %}unclosed", ScopeBuilder.Empty));

        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void Check_WhenTemplateIsValid_ReturnsNoProblem()
    {
        Assert.Null(_renderer.Check("Hello {{ variables.member.firstName | default: 'there' }}"));
    }

    [Fact]
    public void Check_WhenTemplateHasASyntaxError_ReturnsTheProblemWithLineAndColumn()
    {
        var problem = _renderer.Check("Hello\n{{ variables.member.firstName | }}");

        Assert.NotNull(problem);
        Assert.Equal(2, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }
}
