using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Eligibility;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// Criteria as they are being edited, to count who meets them. <see cref="ProgramId"/> names the program being edited,
/// whose applications hold the answers an answer criterion reads; a new program has none.
/// </summary>
public sealed record QualifyingRequest(JsonElement? EligibilityCriteria, JsonElement? ApplicationForm, Guid? ProgramId);

/// <param name="Qualifying">Members who meet the criteria now.</param>
/// <param name="Members">Members considered: every member of the association.</param>
public sealed record QualifyingCount(int Qualifying, int Members);

/// <summary>How many members meet a criteria document now, decided by the same rules that decide applications.</summary>
public static class QualifyingMembersApi
{
    internal static async Task<Results<Ok<QualifyingCount>, ValidationProblem>> CountAsync(
        QualifyingRequest request, EligibilityService eligibility, CancellationToken ct)
    {
        Criterion? criteria = null;
        if (request.EligibilityCriteria is { ValueKind: JsonValueKind.Object } json)
        {
            var problems = CriteriaSchema.Validate(json, request.ApplicationForm);
            if (problems.Count > 0)
                return Problems.ValidationFailed(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
            criteria = Criteria.Parse(json, Criteria.Root);
        }
        else if (request.EligibilityCriteria is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
            return Problems.ValidationFailed(Criteria.Root, "Eligibility criteria must be a JSON object.");

        var program = new ProgramRequirements(request.ProgramId ?? Guid.Empty, "", "", ProgramStatus.Draft, criteria);
        int members = 0, qualifying = 0;
        await foreach (var decision in eligibility.EvaluateManyAsync(program, null, ct))
        {
            members++;
            if (decision.Eligible) qualifying++;
        }
        return TypedResults.Ok(new QualifyingCount(qualifying, members));
    }
}
