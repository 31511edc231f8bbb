using System.Net;

namespace CredentialConnect.Web.Features.Home;

/// <summary>The one look of the hub's server-rendered pages: the landing page, sign-in, the public directory.</summary>
public static class PageLayout
{
    public static IResult Html(string page, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(page, "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>
    /// A whole page around <paramref name="main"/>; the caller HTML-encodes what goes into it. <paramref name="styles"/>
    /// adds a page's own rules after the shared ones.
    /// </summary>
    public static string Render(string title, string main, bool development, string styles = "") => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{WebUtility.HtmlEncode(title)}}</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
            .banner { background: #8a1c1c; color: #fff; padding: .5rem 1rem; font-weight: 600; }
            label { display: block; margin-top: .75rem; }
            input, select { font: inherit; padding: .4rem; width: 100%; max-width: 24rem; }
            .results li { margin-bottom: 1rem; }
            button { font: inherit; margin: .75rem .5rem 0 0; padding: .4rem 1rem; }
            .dev { border: 3px dashed #8a1c1c; padding: 0 1rem 1rem; margin-top: 2rem; }
            a { color: #0b57d0; }
        {{styles}}
          </style>
        </head>
        <body>
          {{(development ? "<div class=\"banner\" role=\"note\">DEVELOPMENT ENVIRONMENT — demo data, development sign-in enabled</div>" : "")}}
          <main>
          {{main}}
          </main>
        </body>
        </html>
        """;
}
