namespace CredentialConnect.Workflows.Activities;

/// <summary>What an activity did: leave through ports, wait (on the bookmarks it created, if any), or end the flow.</summary>
public sealed record ActivityOutcome
{
    public IReadOnlyList<string> Ports { get; private init; } = [];
    public bool Waits { get; private init; }
    public bool Finishes { get; private init; }

    /// <summary>Join Any: the other branches into this activity stop waiting.</summary>
    public bool CancelsRivals { get; init; }

    public static ActivityOutcome Continue(params string[] ports) => new() { Ports = ports };

    public static readonly ActivityOutcome Done = Continue(Definitions.Ports.Done);

    /// <summary>Stay here: until a bookmark created in this call is resumed, or, with none, until another token arrives.</summary>
    public static readonly ActivityOutcome Wait = new() { Waits = true };

    public static readonly ActivityOutcome Finish = new() { Finishes = true };
}
