using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace CredentialConnect.IntegrationTests.Stories.RealInstall;

/// <summary>
/// A partner system on its own WireMock server, as strict as real ones behind a WAF: a request body sent without
/// <c>Content-Length</c> (chunked) is refused with 411 before the partner looks at it.
/// </summary>
public abstract class StrictPartner : IDisposable
{
    private readonly Lock _gate = new();

    protected StrictPartner() => Server = WireMockServer.Start(new WireMockServerSettings { Port = 0, StartAdminInterface = false });

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    /// <summary>Requests refused because their body was chunked.</summary>
    public int ChunkedRefusals { get; private set; }

    /// <summary>Answers through <paramref name="handle"/> under one lock, so the partner's state changes one request at a time.</summary>
    protected IResponseMessage Answer(IRequestMessage request, Func<IRequestMessage, IResponseMessage> handle)
    {
        lock (_gate)
        {
            if (request.Method is "POST" or "PUT" or "PATCH" && Header(request, "Content-Length") is null)
            {
                ChunkedRefusals++;
                return Json(411, new JsonObject { ["error"] = "Length Required" });
            }
            return handle(request);
        }
    }

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static ResponseMessage Json(int status, JsonNode body, params (string Name, string Value)[] headers)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json; charset=utf-8");
        foreach (var (name, value) in headers) response.AddHeader(name, value);
        return response;
    }

    /// <summary>The body of a JSON or form request as a JSON object (form fields become strings).</summary>
    public static JsonObject BodyOf(IRequestMessage request)
    {
        var body = request.Body ?? "";
        if (body.TrimStart().StartsWith('{')) return JsonNode.Parse(body)!.AsObject();
        var form = new JsonObject();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            form[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
        }
        return form;
    }

    public void Dispose()
    {
        Server.Stop();
        GC.SuppressFinalize(this);
    }
}
