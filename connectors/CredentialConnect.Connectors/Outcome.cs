namespace CredentialConnect.Connectors;

/// <summary>
/// What happened when the hub asked a partner system to do something. Adapters turn status codes into
/// outcomes, so nothing throws across the connector boundary and the dispatcher decides what comes next.
/// </summary>
public abstract record Outcome
{
    private Outcome() { }

    /// <summary>The partner did it.</summary>
    public sealed record Done : Outcome
    {
        /// <summary>Success, with the partner's id for the result if it gave one.</summary>
        public Done(string? reference = null) => Reference = reference;
    }

    /// <summary>The partner had already done it (a badge already granted, a message already posted): success, not an error.</summary>
    public sealed record AlreadyDone : Outcome
    {
        /// <summary>Already done, with the partner's id for the earlier result if it gave one.</summary>
        public AlreadyDone(string? reference = null) => Reference = reference;
    }

    /// <summary>
    /// A passing failure (an outage, a timeout, a rate limit). Try again, not before <paramref name="RetryAfter"/> if the
    /// partner said so. <paramref name="RateLimited"/> is set when the partner refused because of its rate limit (429):
    /// then the wait holds for every call to that partner, not only this one, and the refusal is no failed attempt.
    /// </summary>
    public sealed record Retryable(string Reason, TimeSpan? RetryAfter = null, bool RateLimited = false) : Outcome;

    /// <summary>Trying again cannot help (an unknown user, a rejected payload). The work goes to the dead-letter table.</summary>
    public sealed record Permanent(string Reason) : Outcome;

    /// <summary>True for <see cref="Done"/> and <see cref="AlreadyDone"/>.</summary>
    public bool Succeeded => this is Done or AlreadyDone;

    /// <summary>One line for logs and staff: the failure's reason and any wait the partner asked for, or what succeeded.</summary>
    public string Describe() => this switch
    {
        Retryable { RetryAfter: { } wait } r => $"{r.Reason} (retry after {wait.TotalSeconds:0} s)",
        Retryable r => r.Reason,
        Permanent p => p.Reason,
        _ => Reference is { } reference ? $"{GetType().Name}: {reference}" : GetType().Name,
    };

    /// <summary>The partner's id for the result (a username, a post id), when the outcome succeeded.</summary>
    public string? Reference { get; private init; }
}

/// <summary>A read from a partner: either the value, or the outcome that explains why there is none.</summary>
/// <typeparam name="T">What was read.</typeparam>
public sealed record Fetch<T>
{
    private Fetch(T? value, Outcome? failure) => (Value, Failure) = (value, failure);

    /// <summary>The value read; set when <see cref="Failure"/> is null.</summary>
    public T? Value { get; }

    /// <summary>Why the read failed: <see cref="Outcome.Retryable"/> or <see cref="Outcome.Permanent"/>.</summary>
    public Outcome? Failure { get; }

    /// <summary>A successful read.</summary>
    public static Fetch<T> Of(T value) => new(value, null);

    /// <summary>A failed read.</summary>
    public static Fetch<T> Failed(Outcome failure) =>
        failure.Succeeded ? throw new ArgumentException("A failed fetch needs a failing outcome.", nameof(failure)) : new(default, failure);

    /// <summary>A failed read that may succeed later.</summary>
    public static Fetch<T> Retry(string reason, TimeSpan? retryAfter = null) => Failed(new Outcome.Retryable(reason, retryAfter));

    /// <summary>A failed read that will not succeed by trying again.</summary>
    public static Fetch<T> Permanent(string reason) => Failed(new Outcome.Permanent(reason));
}
