using System.Globalization;
using System.Net;
using System.Text;
using CredentialConnect.Badges.Verification;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Home;

namespace CredentialConnect.Web.Features.Verification;

/// <summary>
/// <c>/verify/{number}</c> and <c>/verify</c>: the live check as a page an employer reads at 2 a.m. The verdict comes
/// first, in words (never colour alone), then what the credential is, then every check with its reason, then a box to
/// verify a file someone sent. The upload works as a plain form; the script only adds drag and drop.
/// </summary>
internal static class VerificationPage
{
    private const string Title = "Verify a credential";

    private const string Styles = """
        .verdict { border: 3px solid; padding: .25rem 1rem; margin: 1rem 0; }
        .verdict.good { border-color: #1a7f37; background: #eaf6ec; }
        .verdict.bad { border-color: #8a1c1c; background: #fbeaea; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        .checks li { margin-bottom: .5rem; }
        #drop { border: 2px dashed #57606a; padding: 1rem; margin-top: .75rem; }
        #drop.over { background: #eef4ff; }
        textarea { font: inherit; width: 100%; max-width: 36rem; min-height: 4rem; }
        """;

    private const string DragAndDrop = """
        <script>
        (() => {
          const zone = document.getElementById('drop');
          const input = document.getElementById('file');
          if (!zone || !input) return;
          for (const name of ['dragenter', 'dragover']) zone.addEventListener(name, e => { e.preventDefault(); zone.classList.add('over'); });
          for (const name of ['dragleave', 'drop']) zone.addEventListener(name, e => { e.preventDefault(); zone.classList.remove('over'); });
          zone.addEventListener('drop', e => {
            if (e.dataTransfer && e.dataTransfer.files.length > 0) { input.files = e.dataTransfer.files; zone.closest('form').submit(); }
          });
        })();
        </script>
        """;

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("/verify").ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .AddEndpointFilter(VerificationApi.NoStoreAsync);

        pages.MapGet("", () => Page(UploadBox()));

        pages.MapGet("/{credentialNumber}", async (string credentialNumber, CredentialVerification verification, BadgeIssuer issuer,
            BadgeEngagements engagements, HttpContext http, CancellationToken ct) =>
        {
            var result = await verification.CheckNumberAsync(credentialNumber, ct);
            if (result.Holding is not { } holding)
                return Page($"""
                    <h1>Credential not found</h1>
                    <div class="verdict bad" role="alert"><p><strong>Not found:</strong> no credential has the number {E(credentialNumber)}.</p></div>
                    <p>Check the number as written on the certificate, or ask the holder for the badge file and verify it below.</p>
                    {UploadBox()}
                    """, StatusCodes.Status404NotFound);
            await engagements.CountAsync(http, holding.CredentialId, EngagementKind.VerificationView, "page");
            return Page(Report(result.Report, issuer, holding) + UploadBox());
        });

        pages.MapPost("", async (HttpRequest request, CredentialVerification verification, BadgeIssuer issuer, CancellationToken ct) =>
        {
            var upload = await VerificationUploads.ReadAsync(request, ct);
            if (upload.Bytes is null) return Unreadable(upload.Problem!, upload.Status);
            var report = await verification.CheckUploadAsync(upload.Bytes, ct);
            return report.Readable
                ? Page(Report(report, issuer, null) + UploadBox())
                : Unreadable(report.Problem!, StatusCodes.Status400BadRequest);
        }).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(VerificationUploads.MaxBodyBytes));
    }

    private static IResult Page(string main, int status = StatusCodes.Status200OK) => PageLayout.Page(Title, main, Styles, status);

    private static IResult Unreadable(string problem, int status) => Page($"""
        <h1>Verify a credential</h1>
        <div class="verdict bad" role="alert"><p><strong>Not a readable credential:</strong> {E(problem)}</p></div>
        {UploadBox()}
        """, status);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Day(DateTimeOffset? at) => at is { } day ? day.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "No expiry";

    /// <summary>The verdict, what the credential is, and every check. <paramref name="holding"/> is the hub's record, for a check by number.</summary>
    private static string Report(VerificationReport report, BadgeIssuer issuer, CredentialHolding? holding)
    {
        var summary = VerificationResponse.From(report, issuer).Credential;
        var good = report.Verdict == CredentialVerdict.Verified;
        var html = new StringBuilder();
        html.Append(holding is null ? "<h1>Verification of an uploaded credential</h1>" : $"<h1>Verification of credential {E(holding.Number)}</h1>");
        html.Append($"""
            <div class="verdict {(good ? "good" : "bad")}" role="status" aria-live="polite">
              <p><strong>{E(Headline(report.Verdict))}</strong></p>
              <p>Checked live on {E(report.CheckedAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture))}.</p>
            </div>
            <h2>The credential</h2>
            <dl>
            """);
        if (holding is not null)
        {
            html.Append($"<dt>Holder</dt><dd>{(holding.HolderName is { } name ? E(name) : "The holder (the member has not chosen to show their name in public)")}</dd>");
            html.Append($"<dt>Credential</dt><dd>{E(holding.ProgramName)}</dd>");
            if (!string.IsNullOrWhiteSpace(holding.AchievementDescription) && holding.AchievementDescription != holding.ProgramName)
                html.Append($"<dt>Achievement</dt><dd>{E(holding.AchievementDescription)}</dd>");
            html.Append($"<dt>Number</dt><dd>{E(holding.Number)}</dd>");
            html.Append($"<dt>Issued</dt><dd>{E(Day(holding.IssuedAt))}</dd>");
            html.Append($"<dt>Valid until</dt><dd>{E(Day(summary?.ValidUntil ?? holding.ExpiresAt))}</dd>");
            html.Append($"<dt>Status right now</dt><dd>{E(holding.Status.ToString())}</dd>");
        }
        else if (summary is not null)
        {
            html.Append($"<dt>Credential</dt><dd>{E(summary.Program ?? "(not named)")}</dd>");
            if (summary.Number is not null) html.Append($"<dt>Number</dt><dd><a href=\"/verify/{E(Uri.EscapeDataString(summary.Number))}\">{E(summary.Number)}</a></dd>");
            html.Append($"<dt>Valid from</dt><dd>{E(summary.ValidFrom is null ? "(not stated)" : Day(summary.ValidFrom))}</dd>");
            html.Append($"<dt>Valid until</dt><dd>{E(Day(summary.ValidUntil))}</dd>");
            html.Append($"<dt>Format</dt><dd>{E(summary.Format)}</dd>");
        }
        html.Append($"<dt>Issuer</dt><dd>{E(summary?.Issuer ?? summary?.IssuerId ?? "(unknown)")}</dd>");
        html.Append("</dl><h2>Checks</h2><ul class=\"checks\">");
        foreach (var check in report.Checks)
            html.Append($"<li><strong>{(check.Passed ? "Passed" : "Failed")}:</strong> {E(CheckName(check.Name))}. {E(check.Reason)}</li>");
        return html.Append("</ul>").ToString();
    }

    private static string Headline(CredentialVerdict verdict) => verdict switch
    {
        CredentialVerdict.Verified => "Verified: the signature holds, the issuer is confirmed and the credential is in good standing.",
        CredentialVerdict.Revoked => "Revoked: the issuer has withdrawn this credential.",
        CredentialVerdict.Suspended => "Suspended: the issuer has suspended this credential.",
        CredentialVerdict.Expired => "Expired: this credential is no longer valid.",
        CredentialVerdict.NotYetValid => "Not yet valid: this credential's validity has not started.",
        _ => "Not verified: a check failed, so this credential cannot be trusted.",
    };

    private static string CheckName(string name) => name switch
    {
        "proof" => "Signature",
        "issuer" => "Issuer",
        "validFrom" => "Valid from",
        "validUntil" => "Valid until",
        "revocation" => "Revocation",
        "suspension" => "Suspension",
        _ => name,
    };

    private static string UploadBox() => $"""
        <h2 id="upload">Verify a badge file</h2>
        <form method="post" enctype="multipart/form-data" action="/verify" aria-labelledby="upload">
          <div id="drop">
            <label for="file">Choose or drop a badge: JSON, JWT, PNG or SVG (up to {CredentialVerifier.MaxUploadBytes / 1024 / 1024} MB)</label>
            <input id="file" name="{VerificationUploads.FileField}" type="file" accept=".json,.jwt,.png,.svg,application/json,image/png,image/svg+xml">
          </div>
          <label for="text">Or paste a credential (JSON or JWT)</label>
          <textarea id="text" name="{VerificationUploads.TextField}" spellcheck="false"></textarea>
          <button type="submit">Verify</button>
        </form>
        {DragAndDrop}
        """;
}
