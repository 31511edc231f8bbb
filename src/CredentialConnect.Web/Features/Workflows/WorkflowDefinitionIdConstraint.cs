using Microsoft.AspNetCore.Routing.Matching;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// A route segment that can be a workflow definition's id: never one of the literal segments beside it, so
/// <c>PUT /workflow-definitions/import</c> is a method that route does not take (405), not a replace of a flow called "import".
/// </summary>
/// <remarks>Matching literals at the router's build time keeps "import" off the parameter's branch altogether, which is what
/// lets the router answer 405 there rather than a 404 from a failed constraint.</remarks>
public sealed class WorkflowDefinitionIdConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool MatchesLiteral(string parameterName, string literal) => WorkflowDefinitionRules.IsDefinitionId(literal);

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && WorkflowDefinitionRules.IsDefinitionId(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
