using System.Net;
using CredentialConnect.Web.Features.Association;
using CredentialConnect.Web.Features.Demo;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Home;

/// <summary>The landing and sign-in pages. The admin console and member portal grow from here.</summary>
public static class HomePages
{
    public static WebApplication MapHomePages(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.MapGet("/", (IOptionsMonitor<AssociationOptions> association) => PageLayout.Page(null, Landing(association.CurrentValue)))
            .ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/sign-in", () => PageLayout.Page("Sign in", SignIn(development))).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static string Landing(AssociationOptions association) => $$"""
        <h1>{{WebUtility.HtmlEncode(association.Name)}} credentials</h1>
        <p>Programs, members, credentials and their renewals, in one place, on CredentialConnect.</p>
        <ul>
          <li><a href="/verify">Verify a credential</a> (for employers)</li>
          <li><a href="/directory">Directory</a> of credential holders</li>
          <li><a href="/admin/">Staff console</a> (for association staff)</li>
          <li><a href="/sign-in">Sign in</a></li>
          <li><a href="/scalar">API reference</a> (<a href="/openapi/v1.json">OpenAPI document</a>)</li>
          <li><a href="/health/ready">Readiness</a></li>
        </ul>
        <p id="who" aria-live="polite"></p>
        <script>
          fetch('/auth/me').then(r => r.ok ? r.json() : null).then(me => {
            if (me) document.getElementById('who').textContent = 'Signed in as ' + me.actor + ' (' + me.roles.join(', ') + ').';
          });
        </script>
        """;

    private static string SignIn(bool development)
    {
        var dev = !development ? "" : $"""
            <section class="dev" aria-labelledby="dev-title">
              <h2 id="dev-title">Development sign-in</h2>
              <p><strong>Development only.</strong> Sign in to the demo association without a password.
                 This section and its endpoint do not exist outside Development.</p>
              <button type="button" data-role="Admin">Admin</button>
              <button type="button" data-role="Reviewer">Reviewer</button>
              <button type="button" data-role="Member">Member</button>
            </section>
            """;
        return $$"""
            <h1>Sign in</h1>
            <form id="sign-in">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="username" required value="{{WebUtility.HtmlEncode(development ? DemoAssociation.AdminEmail : "")}}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            <p id="result" role="status" aria-live="polite"></p>
            {{dev}}
            <script>
              const show = async r => {
                const body = await r.json();
                document.getElementById('result').textContent = r.ok ? 'Signed in as ' + body.actor + '.' : body.detail || body.title;
                if (r.ok) setTimeout(() => location.href = '/', 600);
              };
              document.getElementById('sign-in').addEventListener('submit', async e => {
                e.preventDefault();
                const form = new FormData(e.target);
                show(await fetch('/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) }));
              });
              document.querySelectorAll('.dev button').forEach(b => b.addEventListener('click', async () =>
                show(await fetch('/dev/sign-in/' + b.dataset.role, { method: 'POST' }))));
            </script>
            """;
    }
}
