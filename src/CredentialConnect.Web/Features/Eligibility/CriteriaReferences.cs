using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// What only the database can tell about a program's criteria: that every credential they name exists, and that no
/// program ends up requiring itself. Criteria references and prerequisites are edges of one graph, so a loop through
/// any mix of the two is refused.
/// </summary>
public static class CriteriaReferences
{
    public static async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, Guid id, ProgramWrite request, CancellationToken ct)
    {
        var criteria = request.EligibilityCriteria is { ValueKind: JsonValueKind.Object } json ? Criteria.Parse(json, Criteria.Root) : null;
        var references = criteria?.SelfAndDescendants().OfType<CredentialCriterion>().ToList() ?? [];

        var programs = await db.Programs.AsNoTracking().Select(p => new { p.Id, p.Code, p.EligibilityCriteria }).ToListAsync(ct);
        var byCode = programs.Where(p => p.Id != id).ToDictionary(p => p.Code, p => p.Id, StringComparer.Ordinal);
        var thisCode = request.Code?.Trim() ?? "";
        byCode[thisCode] = id;

        var errors = new Dictionary<string, string[]>();
        foreach (var unknown in references.Where(r => !byCode.ContainsKey(r.ProgramCode)))
            errors[$"{unknown.Path}.credential.program"] = [$"No program with code '{unknown.ProgramCode}'."];
        if (errors.Count > 0) return errors;

        // Every other program's edges as they are stored; this program's as the request would make them.
        var edges = (await db.ProgramPrerequisites.AsNoTracking().Where(e => e.ProgramId != id).ToListAsync(ct))
            .Select(e => (From: e.ProgramId, To: e.PrerequisiteProgramId))
            .Concat(programs.Where(p => p.Id != id && p.EligibilityCriteria is not null)
                .SelectMany(p => Criteria.Parse(p.EligibilityCriteria!).SelfAndDescendants().OfType<CredentialCriterion>()
                    .Where(c => byCode.ContainsKey(c.ProgramCode))
                    .Select(c => (From: p.Id, To: byCode[c.ProgramCode]))))
            .ToLookup(e => e.From, e => e.To);

        var codes = programs.ToDictionary(p => p.Id, p => p.Code);
        codes[id] = thisCode;
        var outgoing = references.Select(r => (Field: $"{r.Path}.credential.program", To: byCode[r.ProgramCode]))
            .Concat((request.PrerequisiteProgramIds ?? []).Select(p => (Field: "prerequisiteProgramIds", To: p)));
        foreach (var (field, to) in outgoing)
        {
            IReadOnlyList<Guid>? cycle = to == id ? [id, id] : PrerequisiteGraph.FindCycle(id, [to], edges);
            if (cycle is null || errors.ContainsKey(field)) continue;
            errors[field] = [$"This requirement would form a cycle: {string.Join(" → ", cycle.Select(p => codes.GetValueOrDefault(p, "?")))}."];
        }
        return errors;
    }
}
