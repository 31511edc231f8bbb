using System.Text.Json;
using CredentialConnect.Web.Features.Applications;

namespace CredentialConnect.UnitTests.Applications;

public sealed class ApplicationFormsTests
{
    private const string Form = """
        {
          "type": "object",
          "required": ["licenceNumber", "address"],
          "properties": {
            "licenceNumber": { "type": "string", "pattern": "^[A-Z]{2}[0-9]{4}$" },
            "address": { "$ref": "#/$defs/address" },
            "employers": { "type": "array", "items": { "type": "string" } },
            "start date": { "type": "string", "format": "date" }
          },
          "$defs": { "address": { "type": "object", "required": ["city"], "properties": { "city": { "type": "string" } } } },
          "additionalProperties": false
        }
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void CheckForm_AValidSchemaWithLocalReferences_HasNoErrors() =>
        Assert.Empty(ApplicationForms.CheckForm(Json(Form)));

    [Theory]
    [InlineData("true", "applicationForm")]
    [InlineData("""{ "type": "string" }""", "applicationForm.type")]
    [InlineData("""{ "required": "licence" }""", "applicationForm")]
    [InlineData("""{ "properties": { "a": { "minimum": "ten" } } }""", "applicationForm")]
    [InlineData("""{ "$schema": "https://example.org/my-meta-schema" }""", "applicationForm")]
    [InlineData("""{ "allOf": [ { "$ref": "http://example.org/common.json#/x" } ] }""", "applicationForm.allOf[0].$ref")]
    [InlineData("""{ "properties": { "a": { "$ref": "common.json" } } }""", "applicationForm.properties.a.$ref")]
    public void CheckForm_ThatCannotBeUsed_NamesWhere(string form, string field) =>
        Assert.Single(Assert.Single(ApplicationForms.CheckForm(Json(form)), e => e.Key == field).Value);

    [Fact]
    public void CheckAnswers_KeysEachProblemByTheAnswersPath()
    {
        var answers = Json("""{ "licenceNumber": "x1", "address": { "city": 7 }, "employers": ["Acme", 3], "start date": "soon", "extra": 1 }""");

        var errors = ApplicationForms.CheckAnswers(Form, answers, complete: true);

        Assert.Equal(
            ["answers.address.city", "answers.employers[1]", "answers.extra", "answers.licenceNumber", "answers[\"start date\"]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("This is not a field of the form.", Assert.Single(errors["answers.extra"]));
    }

    [Fact]
    public void CheckAnswers_MissingRequiredAnswers_AreNamedOnSubmissionButAllowedInADraft()
    {
        var answers = Json("""{ "address": {} }""");

        var submitted = ApplicationForms.CheckAnswers(Form, answers, complete: true);
        var draft = ApplicationForms.CheckAnswers(Form, answers, complete: false);

        Assert.Equal(["answers.address.city", "answers.licenceNumber"], submitted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("This answer is required.", Assert.Single(submitted["answers.licenceNumber"]));
        Assert.Empty(draft);
    }

    [Fact]
    public void CheckAnswers_ThatAreNotAnObject_AreRefused() =>
        Assert.Equal(["answers"], ApplicationForms.CheckAnswers(Form, Json("[1, 2]"), complete: false).Keys);

    [Fact]
    public void CheckAnswers_WithoutAForm_AcceptsAnyObject() =>
        Assert.Empty(ApplicationForms.CheckAnswers(null, Json("""{ "anything": true }"""), complete: true));
}
