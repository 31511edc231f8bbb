using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Imports;

namespace CredentialConnect.IntegrationTests.Imports;

/// <summary>One event of a server-sent event stream: its name (null for a plain message) and its data.</summary>
internal sealed record StreamEvent(string? Name, JsonElement Data);

/// <summary>How a client drives an import: upload the file, then start a dry run or a commit and follow it until it is done.</summary>
internal static class ImportRequests
{
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName, string kind, string? mode = "additive")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName }, { new StringContent(kind), "kind" } };
        if (mode is not null) form.Add(new StringContent(mode), "mode");
        return client.PostAsync("/api/v1/imports", form);
    }

    public static async Task<ImportBatchResponse> UploadedAsync(this HttpClient client, byte[] content, string fileName, string kind, string mode = "additive") =>
        await (await client.UploadAsync(content, fileName, kind, mode)).ReadAsync<ImportBatchResponse>(HttpStatusCode.Created);

    public static Task<ImportBatchResponse> DryRunAsync(this HttpClient client, Guid id) => client.RunAsync(id, "dry-run");

    public static Task<ImportBatchResponse> CommitAsync(this HttpClient client, Guid id) => client.RunAsync(id, "commit");

    /// <summary>Uploads, dry-runs and commits a file that is expected to be clean; returns the committed batch.</summary>
    public static async Task<ImportBatchResponse> ImportAsync(this HttpClient client, byte[] content, string fileName, string kind, string mode = "additive")
    {
        var uploaded = await client.UploadedAsync(content, fileName, kind, mode);
        var checkedBatch = await client.DryRunAsync(uploaded.Id);
        Assert.True(checkedBatch.Status == ImportStatus.Validated, $"The dry run of {fileName} found {checkedBatch.ErrorCount} error(s).");
        return await client.CommitAsync(uploaded.Id);
    }

    /// <summary>
    /// Every event of the batch's progress stream, read until the hub ends it: progress messages, then <c>done</c> or
    /// <c>problem</c>. A safety net fails the test instead of hanging it; no assertion depends on how long it takes.
    /// </summary>
    public static async Task<IReadOnlyList<StreamEvent>> FollowProgressAsync(this HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var response = await client.GetAsync($"/api/v1/imports/{id}/progress", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<StreamEvent>();
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) name = line["event:".Length..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line["data:".Length..].TrimStart());
            else if (line.Length == 0 && data.Count > 0)
            {
                events.Add(new StreamEvent(name, JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone()));
                (name, data) = (null, []);
            }
        }
        return events;
    }

    /// <summary>Starts a run, checks it was accepted with the batch's location, follows it until it ends and reads the batch.</summary>
    private static async Task<ImportBatchResponse> RunAsync(this HttpClient client, Guid id, string step)
    {
        var response = await client.PostAsync($"/api/v1/imports/{id}/{step}", null);
        await response.ReadAsync<ImportBatchResponse>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/imports/{id}", response.Headers.Location?.OriginalString);
        var last = (await client.FollowProgressAsync(id))[^1];
        Assert.Contains(last.Name, new[] { "done", "problem" });
        return await (await client.GetAsync($"/api/v1/imports/{id}")).ReadAsync<ImportBatchResponse>();
    }
}
