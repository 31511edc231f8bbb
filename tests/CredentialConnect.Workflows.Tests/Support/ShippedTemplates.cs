using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>The templates in workflows/templates, read as the host seeds them.</summary>
public static class ShippedTemplates
{
    public const string ApplicationApproval = "application-approval";
    public const string RecertificationReminders = "recertification-reminders";
    public const string FailedExamNurture = "failed-exam-nurture";

    public static TheoryData<string> All => [ApplicationApproval, RecertificationReminders, FailedExamNurture];

    public static WorkflowDefinition Load(string name) =>
        WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", $"{name}.json"))) with { IsPublished = true };
}
