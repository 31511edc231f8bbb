using System.Collections.Concurrent;

namespace CredentialConnect.Sandbox;

/// <summary>A person the sandbox partners know: a contact in the AMS, a learner in the LRS, a user in the community.</summary>
/// <param name="AmsMemberId">The AMS contact id, as digits (Wild Apricot ids are integers).</param>
public sealed record SandboxPerson(
    string AmsMemberId,
    string Email,
    string FirstName,
    string LastName,
    string Level,
    string Status,
    DateOnly MemberSince,
    DateOnly RenewalDue,
    DateTimeOffset UpdatedAt);

/// <summary>A course or exam in the sandbox LMS.</summary>
/// <param name="ActivityId">The xAPI activity IRI.</param>
/// <param name="IsExam">True for an exam (passed/failed with a score), false for a course (completed).</param>
public sealed record SandboxActivity(string ActivityId, string Name, bool IsExam);

/// <summary>
/// The state the simulated partners share, so they tell one consistent story: the AMS's contacts are the LRS's
/// learners and the community's users. Everything is in memory; a restart starts the story again.
/// </summary>
public sealed class SandboxAssociation(TimeProvider clock)
{
    /// <summary>The xAPI account home page the LMS uses for learners (carrying the AMS id as the account name).</summary>
    public const string LmsHomePage = "https://lms.sandbox.credentialconnect.org";

    public TimeProvider Clock { get; } = clock;

    /// <summary>AMS contacts by id.</summary>
    public ConcurrentDictionary<string, SandboxPerson> People { get; } = new();

    /// <summary>Courses and exams the LMS offers.</summary>
    public List<SandboxActivity> Activities { get; } = [];

    /// <summary>Adds or replaces people, e.g. the demo association's members plus newcomers who joined in the AMS.</summary>
    public void Populate(IEnumerable<SandboxPerson> people)
    {
        foreach (var person in people) People[person.AmsMemberId] = person;
    }
}
