using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Builders;

/// <summary>A valid certification definition, changed one aspect at a time by each test.</summary>
public sealed class ProgramBuilder
{
    private string _code = "CNP" + Random.Shared.Next(100, 999);
    private string _name = "Certified Nonprofit Professional";
    private ProgramKind _kind = ProgramKind.Certification;
    private string? _validity = "P3Y";
    private RecertificationWrite? _cycle = new(45, 90, [new CeCategoryWrite("Ethics", 3, null), new CeCategoryWrite("Self-study", null, 15)]);
    private Guid[] _prerequisites = [];
    private int? _version;

    public ProgramBuilder WithCode(string code) { _code = code; return this; }
    public ProgramBuilder WithName(string name) { _name = name; return this; }
    public ProgramBuilder OfKind(ProgramKind kind) { _kind = kind; return this; }
    public ProgramBuilder WithValidity(string? validity) { _validity = validity; return this; }
    public ProgramBuilder WithoutRecertification() { _cycle = null; return this; }
    public ProgramBuilder WithCycle(decimal total, params CeCategoryWrite[] categories) { _cycle = new RecertificationWrite(total, 60, categories); return this; }
    public ProgramBuilder Requiring(params Guid[] prerequisites) { _prerequisites = prerequisites; return this; }
    public ProgramBuilder AtVersion(int version) { _version = version; return this; }

    public ProgramWrite Build() => new(_code, _name, _kind, "A program for tests.", "Meet the criteria.", null, _validity, _cycle,
        _prerequisites, ExamRequired: true, EligibilityCriteria: null, _version);
}
