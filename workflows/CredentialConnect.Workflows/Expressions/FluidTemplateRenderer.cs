using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// Liquid through Fluid, made safe: a template reads only the scope's plain data (no CLR member is allow-listed),
/// cannot include files, and stops after <see cref="MaxSteps"/> steps or <see cref="MaxRecursion"/> nested blocks.
/// Missing values render as nothing (<see cref="TemplateVariables"/> finds them before they ship). <c>now</c> is the
/// workflow's time. Besides <c>variables</c>, <c>input</c> and <c>now</c>, a template sees the scope's context by name
/// (<c>member</c>, <c>program</c>, <c>credential</c>, <c>association</c>); dates are written in the association's time
/// zone and locale (<c>association.timeZone</c>, <c>association.locale</c>; UTC and the invariant culture when it sets none)
/// by the filters in <see cref="TemplateDateFilters"/>.
/// </summary>
public sealed partial class FluidTemplateRenderer : ITemplateRenderer
{
    public const int MaxSteps = 100_000;
    public const int MaxRecursion = 32;

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = TemplateDateFilters.AddTo(new TemplateOptions
    {
        MaxSteps = MaxSteps,
        MaxRecursion = MaxRecursion,
        FileProvider = new NullFileProvider(),
        TimeZone = TimeZoneInfo.Utc,
        CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
    });

    public string Render(string template, ExpressionScope scope)
    {
        var parsed = Parse(template);
        var context = new TemplateContext(Options)
        {
            Now = () => scope.Now,
            TimeZone = TemplateDateFilters.TimeZoneOf(scope),
            CultureInfo = TemplateDateFilters.CultureOf(scope),
        };
        foreach (var (name, value) in scope.Context ?? new Dictionary<string, object?>())
            if (!ExpressionScope.BuiltInNames.Contains(name)) context.SetValue(name, FluidValue.Create(PlainValues.Of(value), Options));
        context.SetValue("variables", FluidValue.Create(PlainValues.Of(scope.Variables), Options));
        context.SetValue("input", FluidValue.Create(PlainValues.Of(scope.Input), Options));
        context.SetValue("now", new DateTimeValue(scope.Now));
        try
        {
            return parsed.Render(context);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScriptLimitException($"The template went past its limits ({MaxSteps:N0} steps, {MaxRecursion} nested levels): {e.Message}", e);
        }
        catch (Exception e) when (e is not ScriptException)
        {
            throw new ScriptException($"The template failed: {e.Message}", e);
        }
    }

    public ExpressionProblem? Check(string template) =>
        Parser.TryParse(template, out _, out var error) ? null : Problem(error);

    private static IFluidTemplate Parse(string template)
    {
        if (Parser.TryParse(template, out var parsed, out var error)) return parsed;
        var problem = Problem(error);
        throw new ScriptException(problem.Line is { } line ? $"Template syntax error at line {line}, column {problem.Column}: {problem.Message}" : $"Template syntax error: {problem.Message}");
    }

    // Fluid reports where it stopped as "(line:column)" at the end of its message.
    private static ExpressionProblem Problem(string error)
    {
        var match = Position().Match(error);
        return match.Success
            ? new ExpressionProblem(error, int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value))
            : new ExpressionProblem(error);
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();
}
