namespace CredentialConnect.Web.Features.Workflows;

public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>How long an event that no flow waits for yet is kept for a wait that may appear.</summary>
    public TimeSpan EarlyEventTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sweep looks for timers that should have fired but did not.</summary>
    public TimeSpan OverdueSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How late a timer must be before the sweep resumes it, leaving its own Quartz trigger time to fire first.</summary>
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The key webhooks are signed with (HMAC-SHA256); set it from the environment, never in appsettings.</summary>
    public string? WebhookSigningKey { get; set; }
}
