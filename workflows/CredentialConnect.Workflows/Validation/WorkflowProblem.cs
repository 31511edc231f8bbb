namespace CredentialConnect.Workflows.Validation;

public enum ProblemSeverity { Error, Warning }

/// <summary>One thing wrong with a definition, and where: the activity and, when it is about one, the input.</summary>
public sealed record WorkflowProblem(string? ActivityId, string? Input, string Message, ProblemSeverity Severity = ProblemSeverity.Error);

public sealed record WorkflowValidation(IReadOnlyList<WorkflowProblem> Problems)
{
    /// <summary>No errors; warnings do not block publishing.</summary>
    public bool IsValid => Problems.All(p => p.Severity == ProblemSeverity.Warning);

    public IEnumerable<WorkflowProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);
}
