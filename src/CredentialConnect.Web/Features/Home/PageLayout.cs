using System.Net;
using CredentialConnect.Web.Features.Association;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Home;

/// <summary>
/// The one look of the hub's server-rendered pages (the landing page, sign-in, verification, the public directory),
/// in the association's name, logo and colours.
/// </summary>
public static class PageLayout
{
    /// <summary>
    /// A page as a result: rendered when it is written, in the association's settings as this node has them then, with
    /// the development banner outside Production-like environments' absence of it.
    /// </summary>
    public static IResult Page(string? title, string main, string styles = "", int statusCode = StatusCodes.Status200OK) =>
        new LayoutPage(title, main, styles, statusCode);

    private sealed class LayoutPage(string? title, string main, string styles, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var association = http.RequestServices.GetRequiredService<IOptionsMonitor<AssociationOptions>>().CurrentValue;
            var development = http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
            return Results.Content(Render(association, title, main, development, styles), "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(http);
        }
    }

    /// <summary>
    /// A whole page around <paramref name="main"/>; the caller HTML-encodes what goes into it. <paramref name="styles"/>
    /// adds a page's own rules after the shared ones. The title is followed by the association's name.
    /// </summary>
    private static string Render(AssociationOptions association, string? title, string main, bool development, string styles = "") => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{(title is null ? "" : E(title) + " · ")}}{{E(association.Name)}}</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
            .banner { background: #8a1c1c; color: #fff; padding: .5rem 1rem; font-weight: 600; }
            label { display: block; margin-top: .75rem; }
            input, select { font: inherit; padding: .4rem; width: 100%; max-width: 24rem; }
            .results li { margin-bottom: 1rem; }
            button { font: inherit; margin: .75rem .5rem 0 0; padding: .4rem 1rem; }
            .dev { border: 3px dashed #8a1c1c; padding: 0 1rem 1rem; margin-top: 2rem; }
            a { color: {{Colour(association.AccentColour, AssociationColours.DefaultAccent)}}; }
            .masthead { background: {{Colour(association.PrimaryColour, AssociationColours.DefaultPrimary)}}; color: #fff; padding: .75rem 1rem; margin-bottom: 1.5rem; border-radius: .4rem; }
            .masthead a { color: #fff; text-decoration: none; display: flex; align-items: center; gap: .75rem; font-weight: 600; font-size: 1.15rem; }
            .masthead img { height: 2.5rem; max-width: 10rem; object-fit: contain; background: #fff; border-radius: .25rem; padding: .15rem; }
        {{styles}}
          </style>
        </head>
        <body>
          {{(development ? "<div class=\"banner\" role=\"note\">DEVELOPMENT ENVIRONMENT — demo data, development sign-in enabled</div>" : "")}}
          <header class="masthead">
            <a href="/">{{(association.LogoUrl is { } logo ? $"<img src=\"{E(logo)}\" alt=\"\">" : "")}}<span>{{E(association.Name)}}</span></a>
          </header>
          <main>
          {{main}}
          </main>
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // Saved colours are checked on the way in; a value from configuration is not, so only #rrggbb reaches the style sheet.
    private static string Colour(string? colour, string fallback) => AssociationColours.IsColour(colour) ? colour! : fallback;
}
