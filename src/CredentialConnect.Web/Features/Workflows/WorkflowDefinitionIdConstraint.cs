namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// A route segment that can be a workflow definition's id: never one of the literal segments beside it, so
/// <c>PUT /workflow-definitions/import</c> is a method that route does not take (405), not a replace of a flow called "import".
/// </summary>
public sealed class WorkflowDefinitionIdConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && WorkflowDefinitionRules.IsDefinitionId(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
