using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>The templates in workflows/templates, read as the host seeds them, with the scripts they use answered.</summary>
public static class ShippedTemplates
{
    public const string ApplicationApproval = "application-approval";
    public const string RecertificationReminders = "recertification-reminders";
    public const string FailedExamNurture = "failed-exam-nurture";

    public static TheoryData<string> All => [ApplicationApproval, RecertificationReminders, FailedExamNurture];

    public static WorkflowDefinition Load(string name) =>
        WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", $"{name}.json"))) with { IsPublished = true };

    /// <summary>Gives the templates' scripts the values real JavaScript would.</summary>
    public static ScriptedEvaluator Answer(ScriptedEvaluator scripts) => scripts
        .Returns("input.eligible === true", s => s.Input.GetValueOrDefault("eligible") is true)
        .Returns("input.daysBefore === 90", s => s.Input.GetValueOrDefault("daysBefore") is 90.0);
}
