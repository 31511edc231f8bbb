using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.Canonicalization;

/// <summary>RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation) with SHA-256.</summary>
public static class Rdfc10
{
    /// <summary>
    /// How much N-degree hashing a dataset may need, as an exponent of its number of blank nodes whose first-degree
    /// hashes collide; 1 allows as many deep iterations as such nodes, the default of the JavaScript implementation.
    /// </summary>
    public const int DefaultMaxWorkFactor = 1;

    /// <summary>The canonical N-Quads of the dataset: blank nodes relabelled <c>_:c14n0…</c>, lines sorted.</summary>
    public static string Canonicalize(IReadOnlyList<RdfQuad> dataset) => Canonicalize(dataset, DefaultMaxWorkFactor);

    /// <summary>As <see cref="Canonicalize(IReadOnlyList{RdfQuad})"/>, with a chosen limit on N-degree hashing.</summary>
    /// <exception cref="CanonicalizationException">The dataset needs more N-degree hashing than the limit allows (a poison graph).</exception>
    public static string Canonicalize(IReadOnlyList<RdfQuad> dataset, int maxWorkFactor)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return string.Concat(new State(dataset, maxWorkFactor).Run());
    }

    /// <summary>SHA-256 of the canonical N-Quads (UTF-8), without building them as one string.</summary>
    internal static void CanonicalSha256(IReadOnlyList<RdfQuad> dataset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Sha256(new State(dataset, DefaultMaxWorkFactor).Run(), destination);
    }

    // SHA-256 of the lines written one after the other in UTF-8.
    private static void Sha256(string[] lines, Span<byte> destination)
    {
        var chars = 0;
        foreach (var line in lines) chars += line.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars));
        try
        {
            var length = 0;
            foreach (var line in lines) length += Encoding.UTF8.GetBytes(line, buffer.AsSpan(length));
            SHA256.HashData(buffer.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A quad's terms as they are written, each escaped once; a blank node is kept as its label and written with the
    /// label each step gives it.
    /// </summary>
    private readonly record struct QuadText(string? Subject, string? SubjectBlank, string Predicate, string? Object,
        string? ObjectBlank, string? Graph, string? GraphBlank)
    {
        public bool HasGraph => Graph is not null || GraphBlank is not null;
    }

    private sealed class State
    {
        private readonly List<RdfQuad> _quads;
        private readonly List<QuadText> _texts;
        private readonly Dictionary<string, List<int>> _quadsByBlankNode = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _firstDegreeHashes = new(StringComparer.Ordinal);
        private readonly IdentifierIssuer _canonical = new("c14n");
        private readonly StringBuilder _line = new(256);
        private readonly int _maxWorkFactor;
        private long _remainingDeepIterations;
        private long _maxDeepIterations;

        public State(IReadOnlyList<RdfQuad> dataset, int maxWorkFactor)
        {
            _maxWorkFactor = maxWorkFactor;
            // A dataset is a set: a repeated quad counts once.
            var seen = new HashSet<RdfQuad>(dataset.Count);
            _quads = new List<RdfQuad>(dataset.Count);
            _texts = new List<QuadText>(dataset.Count);
            foreach (var quad in dataset)
            {
                if (!seen.Add(quad)) continue;
                var index = _quads.Count;
                _quads.Add(quad);
                _texts.Add(new QuadText(Text(quad.Subject), Track(quad.Subject, index), NQuads.TermText(quad.Predicate, _line),
                    Text(quad.Object), Track(quad.Object, index),
                    quad.Graph is null ? null : Text(quad.Graph), quad.Graph is null ? null : Track(quad.Graph, index)));
            }
        }

        private string? Text(RdfTerm term) => term is BlankNode ? null : NQuads.TermText(term, _line);

        private string? Track(RdfTerm term, int quad)
        {
            if (term is not BlankNode blank) return null;
            if (!_quadsByBlankNode.TryGetValue(blank.Label, out var list)) _quadsByBlankNode[blank.Label] = list = [];
            if (list.Count == 0 || list[^1] != quad) list.Add(quad);
            return blank.Label;
        }

        /// <summary>The canonical N-Quads lines, sorted.</summary>
        public string[] Run()
        {
            var hashToBlankNodes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var id in _quadsByBlankNode.Keys)
            {
                var hash = HashFirstDegree(id);
                if (!hashToBlankNodes.TryGetValue(hash, out var ids)) hashToBlankNodes[hash] = ids = [];
                ids.Add(id);
            }

            var nonUnique = new List<List<string>>();
            foreach (var hash in Sorted(hashToBlankNodes.Keys))
            {
                var ids = hashToBlankNodes[hash];
                if (ids.Count > 1) nonUnique.Add(ids);
                else _canonical.Issue(ids[0]);
            }

            if (nonUnique.Count > 0)
            {
                var nonUniqueCount = nonUnique.Sum(l => (long)l.Count);
                var limit = Math.Pow(nonUniqueCount, _maxWorkFactor);
                _maxDeepIterations = limit >= long.MaxValue ? long.MaxValue : (long)limit;
                _remainingDeepIterations = _maxDeepIterations;
            }

            foreach (var ids in nonUnique)
            {
                var hashPaths = new List<(string Hash, IdentifierIssuer Issuer)>();
                foreach (var id in ids)
                {
                    if (_canonical.Has(id)) continue;
                    var issuer = new IdentifierIssuer("b");
                    issuer.Issue(id);
                    hashPaths.Add(HashNDegree(id, issuer));
                }
                hashPaths.Sort((a, b) => string.CompareOrdinal(a.Hash, b.Hash));
                foreach (var (_, issuer) in hashPaths)
                    foreach (var existing in issuer.IssuedInOrder)
                        _canonical.Issue(existing);
            }

            var lines = new string[_texts.Count];
            for (var i = 0; i < lines.Length; i++) lines[i] = Line(_texts[i], focus: null);
            Array.Sort(lines, StringComparer.Ordinal);
            return lines;
        }

        // A line with each blank node written as its canonical label, or, with a focus, as _:a (the focus) or _:z.
        private string Line(in QuadText quad, string? focus)
        {
            var sb = _line;
            sb.Clear();
            AppendTerm(quad.Subject, quad.SubjectBlank, focus);
            sb.Append(' ').Append(quad.Predicate).Append(' ');
            AppendTerm(quad.Object, quad.ObjectBlank, focus);
            if (quad.HasGraph)
            {
                sb.Append(' ');
                AppendTerm(quad.Graph, quad.GraphBlank, focus);
            }
            sb.Append(" .\n");
            return sb.ToString();
        }

        private void AppendTerm(string? text, string? blank, string? focus)
        {
            if (blank is null) _line.Append(text);
            else if (focus is not null) _line.Append(blank == focus ? "_:a" : "_:z");
            else _line.Append("_:").Append(_canonical.Get(blank));
        }

        // Hash First Degree Quads (4.6).
        private string HashFirstDegree(string id)
        {
            if (_firstDegreeHashes.TryGetValue(id, out var cached)) return cached;
            var quads = _quadsByBlankNode[id];
            var lines = new string[quads.Count];
            for (var i = 0; i < quads.Count; i++) lines[i] = Line(_texts[quads[i]], focus: id);
            Array.Sort(lines, StringComparer.Ordinal);
            Span<byte> hash = stackalloc byte[32];
            Sha256(lines, hash);
            var hex = Convert.ToHexStringLower(hash);
            _firstDegreeHashes[id] = hex;
            return hex;
        }

        // Hash Related Blank Node (4.7).
        private string HashRelated(string related, RdfQuad quad, IdentifierIssuer issuer, char position)
        {
            var sb = new StringBuilder(128);
            sb.Append(position);
            if (position != 'g') sb.Append('<').Append(quad.Predicate.Value).Append('>');
            var canonical = _canonical.Get(related);
            var issued = canonical ?? issuer.Get(related);
            if (issued is not null) sb.Append("_:").Append(issued);
            else sb.Append(HashFirstDegree(related));
            return Sha256Hex(sb.ToString());
        }

        // Hash N-Degree Quads (4.8).
        private (string Hash, IdentifierIssuer Issuer) HashNDegree(string id, IdentifierIssuer issuer)
        {
            if (_remainingDeepIterations <= 0)
                throw new CanonicalizationException(
                    $"The dataset needs more than {_maxDeepIterations} N-degree hashing steps; it may be crafted to exhaust canonicalization.");
            _remainingDeepIterations--;

            var hashToRelated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var index in _quadsByBlankNode[id])
            {
                var quad = _quads[index];
                AddRelated(quad.Subject, 's');
                AddRelated(quad.Object, 'o');
                if (quad.Graph is not null) AddRelated(quad.Graph, 'g');

                void AddRelated(RdfTerm term, char position)
                {
                    if (term is not BlankNode blank || blank.Label == id) return;
                    var hash = HashRelated(blank.Label, quad, issuer, position);
                    if (!hashToRelated.TryGetValue(hash, out var list)) hashToRelated[hash] = list = [];
                    list.Add(blank.Label);
                }
            }

            var data = new StringBuilder();
            foreach (var relatedHash in Sorted(hashToRelated.Keys))
            {
                data.Append(relatedHash);
                string? chosenPath = null;
                IdentifierIssuer? chosenIssuer = null;
                foreach (var permutation in Permutations(hashToRelated[relatedHash]))
                {
                    var issuerCopy = issuer.Copy();
                    var path = new StringBuilder();
                    var recursion = new List<string>();
                    var skip = false;
                    foreach (var related in permutation)
                    {
                        var canonical = _canonical.Get(related);
                        if (canonical is not null) path.Append("_:").Append(canonical);
                        else
                        {
                            if (!issuerCopy.Has(related)) recursion.Add(related);
                            path.Append("_:").Append(issuerCopy.Issue(related));
                        }
                        if (chosenPath is not null && path.Length >= chosenPath.Length &&
                            string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip) continue;
                    foreach (var related in recursion)
                    {
                        var result = HashNDegree(related, issuerCopy);
                        path.Append("_:").Append(issuerCopy.Issue(related));
                        path.Append('<').Append(result.Hash).Append('>');
                        issuerCopy = result.Issuer;
                        if (chosenPath is not null && path.Length >= chosenPath.Length &&
                            string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip) continue;
                    var candidate = path.ToString();
                    if (chosenPath is null || string.CompareOrdinal(candidate, chosenPath) < 0)
                    {
                        chosenPath = candidate;
                        chosenIssuer = issuerCopy;
                    }
                }
                data.Append(chosenPath);
                issuer = chosenIssuer!;
            }
            return (Sha256Hex(data.ToString()), issuer);
        }
    }

    private static string[] Sorted(Dictionary<string, List<string>>.KeyCollection keys)
    {
        var sorted = new string[keys.Count];
        keys.CopyTo(sorted, 0);
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    // Every ordering of the list, in lexicographic order of the (sorted) labels.
    private static IEnumerable<string[]> Permutations(List<string> items)
    {
        var current = items.ToArray();
        Array.Sort(current, StringComparer.Ordinal);
        while (true)
        {
            yield return (string[])current.Clone();
            var i = current.Length - 2;
            while (i >= 0 && string.CompareOrdinal(current[i], current[i + 1]) >= 0) i--;
            if (i < 0) yield break;
            var j = current.Length - 1;
            while (string.CompareOrdinal(current[j], current[i]) <= 0) j--;
            (current[i], current[j]) = (current[j], current[i]);
            Array.Reverse(current, i + 1, current.Length - i - 1);
        }
    }

    internal static string Sha256Hex(string text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = byteCount <= 4096 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Issues identifiers <c>prefix0, prefix1, …</c> in order, remembering what it issued for whom.</summary>
    private sealed class IdentifierIssuer(string prefix)
    {
        private readonly Dictionary<string, string> _issued = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public IEnumerable<string> IssuedInOrder => _order;

        public bool Has(string id) => _issued.ContainsKey(id);

        public string? Get(string id) => _issued.TryGetValue(id, out var issued) ? issued : null;

        public string Issue(string id)
        {
            if (_issued.TryGetValue(id, out var existing)) return existing;
            var issued = prefix + _order.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _issued[id] = issued;
            _order.Add(id);
            return issued;
        }

        public IdentifierIssuer Copy()
        {
            var copy = new IdentifierIssuer(prefix);
            foreach (var id in _order) copy.Issue(id);
            return copy;
        }
    }
}

/// <summary>A dataset that cannot be canonicalized within the configured limits.</summary>
public sealed class CanonicalizationException(string message) : Exception(message);
