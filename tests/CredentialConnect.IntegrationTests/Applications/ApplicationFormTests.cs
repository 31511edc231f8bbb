using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Applications;

public sealed class ApplicationFormTests(HubFixture hub) : HubTest(hub)
{
    [Theory]
    [InlineData("""{ "type": "object", "properties": { "licence": { "type": "strng" } } }""", "applicationForm", "not a valid JSON Schema")]
    [InlineData("""{ "properties": { "licence": { "$ref": "https://schemas.example.org/licence.json" } } }""", "applicationForm.properties.licence.$ref", "only to its own parts")]
    [InlineData("""{ "properties": { "licence": { "$ref": "#/$defs/missing" } } }""", "applicationForm", "not a valid JSON Schema")]
    [InlineData("""{ "type": "array" }""", "applicationForm.type", "must be \"object\"")]
    [InlineData("""[ "licence" ]""", "applicationForm", "JSON Schema object")]
    public async Task CreateProgram_WithAFormThatIsNotAUsableSchema_Returns400NamingIt(string form, string field, string expected)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().Build() with { ApplicationForm = JsonDocument.Parse(form).RootElement };

        var problem = await (await admin.PostJsonAsync("/api/v1/programs", program)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains(expected, Assert.Single(problem.FieldErrors(field)));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));
    }

    [Fact]
    public async Task ReplaceProgram_WithAValidForm_StoresIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("FORM").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        var form = JsonDocument.Parse("""{ "type": "object", "required": ["licence"], "properties": { "licence": { "$ref": "#/$defs/licence" } }, "$defs": { "licence": { "type": "string" } } }""").RootElement;

        var replaced = await (await admin.PutJsonAsync($"/api/v1/programs/{created.Id}",
            new ProgramBuilder().WithCode("FORM").AtVersion(created.Version).Build() with { ApplicationForm = form })).ReadAsync<ProgramResponse>();

        Assert.Equal("licence", replaced.ApplicationForm!.Value.GetProperty("required")[0].GetString());
    }
}
