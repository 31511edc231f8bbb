namespace CredentialConnect.Web.Features.CeAudits;

/// <summary>
/// Draws an audit's random sample. The generator is written out here (SplitMix64) rather than taken from
/// <see cref="Random"/>, whose seeded sequence is not promised to stay the same across .NET versions: a seed
/// recorded today must draw the same certificants when an auditor checks it years later.
/// </summary>
public static class AuditSampling
{
    /// <summary>How many of <paramref name="population"/> a sample of <paramref name="percent"/> takes, rounded up so a small cohort is not skipped.</summary>
    public static int SizeOf(int population, decimal percent) =>
        percent <= 0 ? 0 : (int)Math.Min(population, Math.Ceiling(population * percent / 100m));

    /// <summary>
    /// The sample, in population order. <paramref name="population"/> must come in a stable order (by credential id):
    /// the same seed over the same population always draws the same members.
    /// </summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> population, decimal percent, int seed)
    {
        var size = SizeOf(population.Count, percent);
        var indexes = Enumerable.Range(0, population.Count).ToArray();
        var state = unchecked((ulong)seed);
        // A partial Fisher–Yates shuffle: the first `size` slots are a uniform sample without replacement.
        for (var i = 0; i < size; i++)
        {
            var j = i + (int)(Next(ref state) % (ulong)(population.Count - i));
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }
        return indexes.Take(size).Order().Select(i => population[i]).ToList();
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
