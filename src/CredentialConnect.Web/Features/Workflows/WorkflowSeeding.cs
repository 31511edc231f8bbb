using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Web.Features.Demo;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The templates shipped in workflows/templates (embedded in the host), and the demo association's flows made from
/// them. Each program gets its own copy, <c>{program}-{template}</c>, so it can change it without touching another's.
/// </summary>
public static class WorkflowSeeding
{
    public const string ApplicationApproval = "application-approval";
    public const string RecertificationReminders = "recertification-reminders";
    public const string FailedExamNurture = "failed-exam-nurture";

    private const string ResourcePrefix = "workflows.templates.";
    private const string Actor = "system";

    /// <summary>The flows the demo association runs: every program's nurture, reminders and approval.</summary>
    public static readonly IReadOnlyList<(string Template, string Program)> Demo =
    [
        .. new[] { DemoPrograms.CertificationCode, DemoPrograms.CertificateCode, DemoPrograms.MicroCredentialCode, DemoPrograms.PathwayCode }
            .SelectMany(program => new[] { FailedExamNurture, RecertificationReminders, ApplicationApproval }.Select(template => (template, program))),
    ];

    public static IReadOnlyList<string> TemplateNames { get; } =
    [
        .. typeof(WorkflowSeeding).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(),
    ];

    public static WorkflowDefinition LoadTemplate(string name)
    {
        using var stream = typeof(WorkflowSeeding).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.json")
            ?? throw new ArgumentException($"No workflow template '{name}'. Templates: {string.Join(", ", TemplateNames)}.", nameof(name));
        using var reader = new StreamReader(stream);
        return WorkflowDefinitionJson.Parse(reader.ReadToEnd());
    }

    /// <summary>The template as the program's own flow: its id, name and program set, everything else as shipped.</summary>
    public static WorkflowDefinition ForProgram(string template, string program)
    {
        var definition = LoadTemplate(template);
        return definition with
        {
            DefinitionId = $"{program.ToLowerInvariant()}-{template}",
            Name = $"{definition.Name} ({program})",
            Program = program,
        };
    }

    /// <summary>Stores and publishes the demo flows; seeding again publishes them as the next version.</summary>
    public static async Task SeedDemoAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (template, program) in Demo)
        {
            var definition = ForProgram(template, program);
            var latest = await WorkflowDefinitionVersions.LatestAsync(db, definition.DefinitionId, ct);
            var stored = WorkflowDefinitionVersions.AddNextDraft(db, latest, definition, Actor, now);
            await WorkflowDefinitionVersions.PublishAsync(db, stored, now, ct);
        }
        await db.SaveChangesAsync(ct);
    }
}
