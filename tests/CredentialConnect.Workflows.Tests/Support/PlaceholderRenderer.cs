using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>Stands in for Liquid: replaces <c>{{ input.x }}</c>, <c>{{ variables.a.b }}</c> and <c>{{ now }}</c>; unbalanced braces are a syntax error.</summary>
public sealed partial class PlaceholderRenderer : ITemplateRenderer
{
    public string Render(string template, ExpressionScope scope) =>
        Placeholder().Replace(template, m => Format(Lookup(scope, m.Groups[1].Value.Split('.'))));

    public ExpressionProblem? Check(string template) =>
        Regex.Count(template, @"\{\{") == Regex.Count(template, @"\}\}") ? null : new ExpressionProblem("Unbalanced '{{' and '}}'.", 1, 1);

    private static object? Lookup(ExpressionScope scope, string[] path)
    {
        object? current = path[0] switch
        {
            "input" => scope.Input,
            "variables" => scope.Variables,
            "now" => scope.Now,
            _ => null,
        };
        foreach (var name in path.Skip(1))
            current = current is IDictionary dictionary && dictionary.Contains(name) ? dictionary[name]
                : current is IReadOnlyDictionary<string, object?> readOnly ? readOnly.GetValueOrDefault(name) : null;
        return current;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{\{\s*([\w.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
