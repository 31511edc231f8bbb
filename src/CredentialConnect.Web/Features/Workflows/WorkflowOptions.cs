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

    /// <summary>Where the HTTP webhook activity may post (<c>Workflows:Webhooks</c>).</summary>
    public WorkflowWebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// When "N days before expiry" schedules look for credentials (Quartz cron, UTC), for flows whose On schedule
    /// trigger has no cron of its own.
    /// </summary>
    public string ExpiryScheduleCron { get; set; } = "0 0 6 * * ?";
}

public sealed class WorkflowWebhookOptions
{
    /// <summary>
    /// Hosts a webhook may reach although they are loopback, link-local or private addresses: host names
    /// (<c>hooks.internal</c>), addresses (<c>10.0.0.5</c>) or ranges (<c>10.0.0.0/8</c>). Empty by default, so a
    /// flow can only call the public internet (<c>Workflows:Webhooks:AllowedHosts</c>).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
}
