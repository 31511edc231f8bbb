using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// The activities a definition can use, described by reading their attributes once. The host serves
/// <see cref="Descriptors"/> at <c>GET /api/v1/workflow-activities</c>.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityType> _types;

    public ActivityRegistry(IEnumerable<Type> activityTypes)
    {
        _types = activityTypes.Select(Describe).ToDictionary(t => t.Descriptor.TypeName, StringComparer.Ordinal);
        Descriptors = [.. _types.Values.Select(t => t.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.DisplayName)];
    }

    /// <summary>Every concrete activity in the runtime's own assembly.</summary>
    public static ActivityRegistry Default { get; } = FromAssemblies(typeof(Activity).Assembly);

    public static ActivityRegistry FromAssemblies(params Assembly[] assemblies) =>
        new(assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Activity)) && t.GetCustomAttribute<ActivityAttribute>() is not null));

    public IReadOnlyList<ActivityDescriptor> Descriptors { get; }

    public ActivityDescriptor? Find(string typeName) => _types.GetValueOrDefault(typeName)?.Descriptor;

    internal ActivityType? FindType(string typeName) => _types.GetValueOrDefault(typeName);

    /// <summary>The ports a node can leave through; null when any port is allowed (Fork).</summary>
    public IReadOnlyList<string>? PortsOf(ActivityNode node)
    {
        if (FindType(node.Type) is not { } type) return [];
        if (!type.Descriptor.HasDynamicPorts) return type.Descriptor.Ports;
        return ((IDynamicPorts)type.Create()).PortsOf(node.Inputs);
    }

    private static ActivityType Describe(Type type)
    {
        var activity = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [Activity] attribute.", nameof(type));
        var inputs = type.GetProperties()
            .Select(p => (Property: p, Input: p.GetCustomAttribute<InputAttribute>()))
            .Where(p => p.Input is not null)
            .Select(p => new BoundInput(DescribeInput(type.Name, p.Property, p.Input!), p.Property))
            .ToList();
        var outputs = type.GetProperties()
            .Select(p => (Property: p, Output: p.GetCustomAttribute<OutputAttribute>()))
            .Where(p => p.Output is not null)
            .Select(p => new OutputDescriptor(JsonNamingPolicy.CamelCase.ConvertName(p.Property.Name), DesignerType(p.Property.PropertyType), p.Output!.Description))
            .ToList();
        var ports = type.GetCustomAttribute<PortsAttribute>()?.Names ?? [Ports.Done];
        var descriptor = new ActivityDescriptor(type.Name, activity.Category, activity.DisplayName, activity.Description,
            [.. inputs.Select(i => i.Descriptor)], outputs, ports, typeof(IDynamicPorts).IsAssignableFrom(type), activity.IsTrigger, activity.IsWaiting)
        {
            InPort = activity.IsTrigger ? null : PortDescriptions.InPort,
            OutPorts = [.. ports.Select(p => new PortDescriptor(p, PortDescriptions.Of(type.Name, p)))],
            DynamicPorts = PortDescriptions.Dynamic(type.Name),
        };
        return new ActivityType(descriptor, type, inputs);
    }

    private static InputDescriptor DescribeInput(string activityType, PropertyInfo property, InputAttribute input)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        var designerType = DesignerType(property.PropertyType);
        var options = input.Options ?? (type.IsEnum ? Enum.GetNames(type)
            : WorkflowRoles.Inputs.Any(r => r.ActivityType == activityType && r.Input == name && r.Field is null) ? [.. WorkflowRoles.All] : null);
        return new InputDescriptor(name, designerType, input.Description, input.UIHint, input.Required, JsonPlain.FromPlain(input.DefaultValue), options)
        {
            Schema = InputSchemas.For(activityType, name, property.PropertyType, designerType, input.Description),
            Scope = input.UIHint is UIHints.JavaScript or UIHints.Liquid or UIHints.Cases ? ExpressionNames.For(activityType, name) : null,
        };
    }

    private static string DesignerType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsEnum) return "String";
        if (type == typeof(bool)) return "Boolean";
        if (type == typeof(int) || type == typeof(double) || type == typeof(decimal)) return "Number";
        if (type == typeof(TimeSpan)) return "Duration";
        if (type == typeof(DateTimeOffset)) return "DateTime";
        if (typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(JsonObject)) return "Array";
        return "Object";
    }
}

internal sealed record BoundInput(InputDescriptor Descriptor, PropertyInfo Property);

internal sealed record ActivityType(ActivityDescriptor Descriptor, Type ClrType, IReadOnlyList<BoundInput> Inputs)
{
    public Activity Create() => (Activity)Activator.CreateInstance(ClrType)!;
}
