namespace CredentialConnect.Workflows.Activities;

/// <summary>What the designer shows for an activity: its palette category, its name and what it does.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string category, string displayName, string description) : Attribute
{
    public string Category { get; } = category;
    public string DisplayName { get; } = displayName;
    public string Description { get; } = description;

    /// <summary>Starts instances (an event, a schedule, a person) rather than running inside one.</summary>
    public bool IsTrigger { get; init; }

    /// <summary>Suspends the instance until time passes, an event arrives or a person decides; a loop needs one.</summary>
    public bool IsWaiting { get; init; }
}

/// <summary>A property the designer edits; its value comes from the definition, as a literal or an expression.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? Description { get; init; }

    /// <summary>The editor to show; <see cref="UIHints.JavaScript"/> and <see cref="UIHints.Liquid"/> also mean a literal is code.</summary>
    public string? UIHint { get; init; }

    public bool Required { get; init; }
    public object? DefaultValue { get; init; }
    public string[]? Options { get; init; }
}

/// <summary>A value the activity records for later activities, under <c>variables[activityId][name]</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;
}

/// <summary>The ports an activity can leave through; an activity without it leaves through <c>Done</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PortsAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>Editors the designer knows.</summary>
public static class UIHints
{
    public const string SingleLine = "single-line";
    public const string MultiLine = "multi-line";
    public const string JavaScript = "javascript";
    public const string Liquid = "liquid";
    public const string Duration = "duration";
    public const string DateTime = "datetime";
    public const string Dropdown = "dropdown";
    public const string Json = "json";

    /// <summary>A list of <c>{name, condition}</c> whose conditions are JavaScript (Switch).</summary>
    public const string Cases = "cases";

    /// <summary>An object <c>{after, notifyRole}</c> (ApprovalTask).</summary>
    public const string Escalation = "escalation";
}
