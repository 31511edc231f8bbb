namespace CredentialConnect.Workflows.Expressions;

/// <summary>A name a script or template can read, as the designer lists it beside an expression input.</summary>
/// <param name="Type">What it holds: Object, String, Number, Boolean or DateTime.</param>
public sealed record ScopeVariable(string Name, string Type, string Description);

/// <summary>
/// The one place that says which names an expression input can see. The runtime sets these names on every script
/// and template (<see cref="JintScriptEvaluator"/>, <see cref="FluidTemplateRenderer"/>); validation warns about any
/// other name an expression reads, and the activity descriptors list them for the designer. A name added to the
/// expression context is added here, and both follow.
/// </summary>
public static class ExpressionNames
{
    public static readonly ScopeVariable Input = new("input", "Object",
        "The data of the event that started the flow, e.g. input.score; programCode is always there for a program's event.");

    public static readonly ScopeVariable Variables = new("variables", "Object",
        "The instance's variables by name, and each activity's outputs by its id, e.g. variables.review.decision.");

    public static readonly ScopeVariable Now = new("now", "DateTime", "The flow's current time (UTC).");

    public static readonly ScopeVariable Member = new("member", "Object",
        "The member the flow is about: id, firstName, lastName, name, email.");

    public static readonly ScopeVariable Program = new("program", "Object",
        "The program the flow is about: code, name, kind, passMarkPercent, maxAttempts, retakeWaitDays, noticeDays, gracePeriodDays.");

    public static readonly ScopeVariable Credential = new("credential", "Object",
        "The member's credential in the program, when they hold one: number, status, awardedAt, expiresAt, verifyUrl.");

    public static readonly ScopeVariable Association = new("association", "Object",
        "The association: name, email, website, time zone and locale (dates are shown in its time zone).");

    /// <summary>Every name an expression can read, in the order the designer lists them.</summary>
    public static IReadOnlyList<ScopeVariable> InScope { get; } = [Input, Variables, Now, Member, Program, Credential, Association];

    /// <summary>
    /// The names an expression in <paramref name="inputName"/> of <paramref name="activityType"/> can read. Today every
    /// expression sees the same names; an input that sees more (a Switch case's <c>case</c>) would say so here.
    /// </summary>
    public static IReadOnlyList<ScopeVariable> For(string activityType, string inputName) => InScope;

    public static bool IsInScope(string activityType, string inputName, string name) => For(activityType, inputName).Any(v => v.Name == name);

    /// <summary>Globals of JavaScript itself that a script may use besides the scope (Math.max, JSON.stringify, new Date()).</summary>
    public static readonly IReadOnlySet<string> JavaScriptGlobals = new HashSet<string>(StringComparer.Ordinal)
    {
        "Math", "Date", "JSON", "String", "Number", "Boolean", "Array", "Object", "RegExp", "Intl", "Error", "TypeError", "RangeError",
        "parseInt", "parseFloat", "isNaN", "isFinite", "NaN", "Infinity", "undefined", "encodeURIComponent", "decodeURIComponent",
        "encodeURI", "decodeURI", "Map", "Set", "Symbol", "BigInt", "globalThis",
    };

    /// <summary>Names Liquid itself provides inside blocks (<c>forloop.index</c>) and its literals.</summary>
    public static readonly IReadOnlySet<string> LiquidGlobals = new HashSet<string>(StringComparer.Ordinal)
    {
        "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false",
    };
}
