using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CredentialConnect.Web.Api;

/// <summary>
/// Makes each schema say what the hub sends and takes, where the generated schema would say otherwise:
/// <list type="bullet">
/// <item>Echoed read-only fields (<see cref="AcceptsEchoOfAttribute"/>) are accepted but not part of what a client sends.</item>
/// <item>A property is required exactly when the hub requires it on reading (<see cref="RequiredFields"/>), and a property left
/// out when null or default is not: a reader must expect it to be absent.</item>
/// <item>Paging parameters say their bounds.</item>
/// <item>A free-form JSON value is any value but null, so "null or a JSON value" means exactly one of the two.</item>
/// </list>
/// </summary>
internal sealed class SchemaRules : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: var parameter }
            && parameter.Member.DeclaringType == typeof(ListQuery))
        {
            (schema.Minimum, schema.Maximum) = parameter.Name switch
            {
                nameof(ListQuery.Page) => ("1", ListQuery.MaxPageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                nameof(ListQuery.PageSize) => ("1", ListQuery.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => (schema.Minimum, schema.Maximum),
            };
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        if (type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            schema.Description ??= "Any JSON value.";
            schema.Not = new OpenApiSchema { Type = JsonSchemaType.Null };
            return Task.CompletedTask;
        }

        if (schema.Properties is not { } properties) return Task.CompletedTask;
        foreach (var name in EchoedFields.IgnoredNames(type, context.JsonTypeInfo.Options, []))
            if (!type.GetProperties().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                properties.Remove(name);

        // Required exactly when the hub requires it on reading (RequiredFields), and never when it may leave it out on writing.
        schema.Required ??= new HashSet<string>();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var leftOutWhenEmpty = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>().Any(i => i.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;
            // A computed, get-only property (a page's totalPages) is written every time.
            var alwaysWritten = property.Set is null && property.AssociatedParameter is null && property.Get is not null;
            if ((property.IsRequired || alwaysWritten) && !leftOutWhenEmpty) schema.Required.Add(property.Name);
            else schema.Required.Remove(property.Name);
        }
        if (schema.Required.Count == 0) schema.Required = null;
        return Task.CompletedTask;
    }
}
