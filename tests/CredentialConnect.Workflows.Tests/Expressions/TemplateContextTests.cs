using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Tests.Support;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.Workflows.Tests.Expressions;

public sealed class TemplateContextTests
{
    private readonly FluidTemplateRenderer _renderer = new();

    private static ExpressionScope Scope(string timeZone, string locale, DateTimeOffset? now = null) => new(
        new Dictionary<string, object?>(), new Dictionary<string, object?>(), now ?? new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero),
        new Dictionary<string, object?>
        {
            ["member"] = new Dictionary<string, object?> { ["firstName"] = "Ada", ["email"] = "ada@example.org" },
            ["credential"] = new Dictionary<string, object?> { ["expiresAt"] = "2027-03-06T00:00:00+00:00" },
            ["association"] = new Dictionary<string, object?> { ["name"] = "Society of Planners", ["timeZone"] = timeZone, ["locale"] = locale },
        });

    [Fact]
    public void Render_SeesTheMemberAndTheAssociationByName()
    {
        var text = _renderer.Render("Dear {{ member.firstName }} ({{ member.email }}), from {{ association.name }}", Scope("Europe/London", "en-GB"));

        Assert.Equal("Dear Ada (ada@example.org), from Society of Planners", text);
    }

    [Theory]
    [InlineData("Europe/London", "en-GB", "6 March 2027")]
    [InlineData("America/New_York", "en-US", "March 5, 2027")]
    [InlineData("Europe/Paris", "fr-FR", "6 mars 2027")]
    public void DateLong_WritesTheDateInTheAssociationsTimeZoneAndLocale(string timeZone, string locale, string expected)
    {
        var text = _renderer.Render("{{ credential.expiresAt | date_long }}", Scope(timeZone, locale));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void DateFilters_AddDaysAndCountDaysUntilADate()
    {
        var text = _renderer.Render("{{ credential.expiresAt | add_days: 30 | date_short }}, in {{ credential.expiresAt | days_until }} days",
            Scope("Europe/London", "en-GB"));

        Assert.Equal("05/04/2027, in 64 days", text);
    }

    [Fact]
    public void Scripts_SeeTheContextByName()
    {
        var value = new JintScriptEvaluator().Evaluate("member.firstName + ' ' + association.timeZone", Scope("Europe/London", "en-GB"));

        Assert.Equal("Ada Europe/London", value);
    }

    [Theory]
    [InlineData("Dear {{ member.fristName }},", "member.fristName")]
    [InlineData("{{ credentail.number }} expires {{ credential.expiresAt | date_long }}", "credentail.number")]
    [InlineData("{% if progam.maxAttempts %}x{% endif %}", "progam.maxAttempts")]
    public void Unknown_ListsTheVariablesNothingProvides(string template, string unknown)
    {
        Assert.Equal([unknown], TemplateVariables.Unknown(template));
    }

    [Fact]
    public void Unknown_IgnoresFiltersLiteralsAssignedNamesAndLoopVariables()
    {
        var template = "{% assign left = program.maxAttempts | minus: input.attemptNumber %}{{ left }} {{ 'member.nope' }} " +
            "{% for n in program.noticeDays %}{{ n }}{% endfor %} {{ now | add_days: 3 | date_long }} {{ variables.anything.at.all }}";

        Assert.Empty(TemplateVariables.Unknown(template));
    }

    [Fact]
    public void Validator_WarnsAboutAMisspelledTemplateVariable()
    {
        var definition = new FlowBuilder()
            .Add("failed", "OnEvent", new() { ["eventType"] = "ExamFailed" })
            .Add("email", "SendEmail", new() { ["subject"] = "Hello", ["body"] = "Dear {{ member.fristName }}," })
            .Connect("failed", "email")
            .Build();

        var problem = Assert.Single(WorkflowHarness.WithRealExpressions().Validator.Validate(definition).Problems);

        Assert.Equal(("email", "body", ProblemSeverity.Warning), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("member.fristName", problem.Message);
    }
}
