using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Imports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Imports;

/// <summary>How a client drives an import: upload the file, then start a dry run or a commit and read the batch when it is done.</summary>
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

    public static Task<ImportBatchResponse> DryRunAsync(this HttpClient client, WebApplicationFactory<Program> hub, Guid id) =>
        client.RunAsync(hub, id, "dry-run");

    public static Task<ImportBatchResponse> CommitAsync(this HttpClient client, WebApplicationFactory<Program> hub, Guid id) =>
        client.RunAsync(hub, id, "commit");

    /// <summary>Uploads, dry-runs and commits a file that is expected to be clean; returns the committed batch.</summary>
    public static async Task<ImportBatchResponse> ImportAsync(this HttpClient client, WebApplicationFactory<Program> hub, byte[] content,
        string fileName, string kind, string mode = "additive")
    {
        var uploaded = await client.UploadedAsync(content, fileName, kind, mode);
        var checkedBatch = await client.DryRunAsync(hub, uploaded.Id);
        Assert.True(checkedBatch.Status == ImportStatus.Validated, $"The dry run of {fileName} found {checkedBatch.ErrorCount} error(s).");
        return await client.CommitAsync(hub, uploaded.Id);
    }

    /// <summary>Starts a run, checks it was accepted with the batch's location, waits for the background run and reads the batch.</summary>
    private static async Task<ImportBatchResponse> RunAsync(this HttpClient client, WebApplicationFactory<Program> hub, Guid id, string step)
    {
        var response = await client.PostAsync($"/api/v1/imports/{id}/{step}", null);
        await response.ReadAsync<ImportBatchResponse>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/imports/{id}", response.Headers.Location?.OriginalString);
        // A safety net so a broken run fails the test instead of hanging it; no assertion depends on how long it takes.
        await hub.Services.GetRequiredService<ImportProgress>().WhenFinishedAsync(id).WaitAsync(TimeSpan.FromMinutes(5));
        return await (await client.GetAsync($"/api/v1/imports/{id}")).ReadAsync<ImportBatchResponse>();
    }
}
