using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.JsonLd;

[Flags]
internal enum Containers
{
    None = 0,
    Set = 1,
    List = 2,
    Graph = 4,
    Language = 8,
    Index = 16,
    Id = 32,
    Type = 64,
}

/// <summary>One term of an active context (JSON-LD 1.1 Processing Algorithms, 4.2).</summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI or keyword the term maps to; null for a term defined as null (kept to block redefinition).</summary>
    public string? Id { get; init; }
    public string? TypeMapping { get; init; }
    public Containers Container { get; init; }
    public bool HasLanguage { get; init; }
    public string? Language { get; init; }
    public bool HasDirection { get; init; }
    public string? Direction { get; init; }
    /// <summary>The scoped context exactly as written; its identity keys the processed-context cache.</summary>
    public JsonNode? Context { get; init; }
    public bool HasContext { get; init; }
    public bool Protected { get; init; }
    public bool Prefix { get; init; }
    public string? Nest { get; init; }
    public string? Index { get; init; }

    /// <summary>Whether a protected term may stay as it is: everything but the protected flag is the same.</summary>
    public bool SameAs(TermDefinition other) =>
        Id == other.Id && TypeMapping == other.TypeMapping && Container == other.Container &&
        HasLanguage == other.HasLanguage && Language == other.Language &&
        HasDirection == other.HasDirection && Direction == other.Direction &&
        HasContext == other.HasContext && JsonNode.DeepEquals(Context, other.Context) &&
        Prefix == other.Prefix && Nest == other.Nest && Index == other.Index;
}

/// <summary>
/// A processed, immutable JSON-LD active context. Processing a local context over it is cached on the instance,
/// so a credential's contexts (and each type- and property-scoped context) are processed once per process.
/// </summary>
internal sealed class ActiveContext
{
    private static readonly ConditionalWeakTable<IContextLoader, ActiveContext> Roots = new();

    private readonly ConcurrentDictionary<(object Local, bool OverrideProtected, bool Propagate), ActiveContext> _derived = new();

    private ActiveContext(IContextLoader loader) => Loader = loader;

    public IContextLoader Loader { get; }
    public Dictionary<string, TermDefinition> Terms { get; private set; } = new(StringComparer.Ordinal);
    public string? Vocab { get; private set; }
    public string? Base { get; private set; }
    public string? DefaultLanguage { get; private set; }
    public string? DefaultDirection { get; private set; }
    /// <summary>The context before a non-propagating (type-scoped) context was applied.</summary>
    public ActiveContext? Previous { get; private set; }
    public bool HasProtectedTerms { get; private set; }

    /// <summary>The empty initial context for a loader, shared so its processing cache is shared.</summary>
    public static ActiveContext Initial(IContextLoader loader) => Roots.GetValue(loader, l => new ActiveContext(l));

    public TermDefinition? Term(string? term) =>
        term is not null && Terms.TryGetValue(term, out var definition) ? definition : null;

    public ActiveContext RevertToPrevious() => Previous ?? this;

    /// <summary>Processes a document's own <c>@context</c>; URL-only contexts are cached.</summary>
    public ActiveContext ProcessDocumentContext(JsonNode? local)
    {
        object? key = local switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonArray a when a.All(i => i is JsonValue iv && iv.GetValueKind() == JsonValueKind.String) =>
                string.Join('\n', a.Select(i => i!.GetValue<string>())),
            _ => null,
        };
        return key is null ? Process(local, false, true, null) : Cached(key, local, false, true);
    }

    /// <summary>Processes a scoped context from a term definition (its node identity is stable, so it is cached).</summary>
    public ActiveContext ProcessScoped(JsonNode? local, bool overrideProtected, bool propagate) =>
        local is null ? Process(local, overrideProtected, propagate, null) : Cached(local, local, overrideProtected, propagate);

    private ActiveContext Cached(object key, JsonNode? local, bool overrideProtected, bool propagate) =>
        _derived.TryGetValue((key, overrideProtected, propagate), out var cached)
            ? cached
            : _derived.GetOrAdd((key, overrideProtected, propagate), _ => Process(local, overrideProtected, propagate, null));

    private ActiveContext Clone() => new(Loader)
    {
        Terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal),
        Vocab = Vocab,
        Base = Base,
        DefaultLanguage = DefaultLanguage,
        DefaultDirection = DefaultDirection,
        Previous = Previous,
        HasProtectedTerms = HasProtectedTerms,
    };

    // Context Processing Algorithm (4.1).
    private ActiveContext Process(JsonNode? local, bool overrideProtected, bool propagate, HashSet<string>? remote)
    {
        var result = Clone();
        if (local is JsonObject withPropagate && withPropagate.TryGetPropertyValue("@propagate", out var p))
        {
            if (p is not JsonValue pv || pv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                throw new JsonLdException("@propagate must be true or false.");
            propagate = pv.GetValue<bool>();
        }
        if (!propagate && result.Previous is null) result.Previous = this;
        ProcessInto(ref result, local, overrideProtected, remote ?? new HashSet<string>(StringComparer.Ordinal));
        return result;
    }

    private void ProcessInto(ref ActiveContext result, JsonNode? local, bool overrideProtected, HashSet<string> remote)
    {
        if (local is JsonArray array)
        {
            foreach (var item in array) ProcessInto(ref result, item, overrideProtected, remote);
            return;
        }
        switch (local)
        {
            case null:
                if (!overrideProtected && result.HasProtectedTerms)
                    throw new JsonLdException("A context cannot be reset to null while it has protected terms.");
                var previous = result.Previous;
                result = new ActiveContext(Loader) { Previous = previous };
                return;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var url = v.GetValue<string>();
                if (!remote.Add(url)) throw new JsonLdException($"The context '{url}' includes itself.");
                var document = Loader.Load(url);
                if (document is not JsonObject o || !o.TryGetPropertyValue("@context", out var remoteContext))
                    throw new JsonLdException($"The document at '{url}' has no @context.");
                ProcessInto(ref result, remoteContext, overrideProtected, remote);
                remote.Remove(url);
                return;
            case JsonObject definition:
                ProcessDefinitions(result, definition, overrideProtected);
                return;
            default:
                throw new JsonLdException("A context must be an object, a URL string, null or an array of these.");
        }
    }

    private static void ProcessDefinitions(ActiveContext result, JsonObject context, bool overrideProtected)
    {
        if (context.TryGetPropertyValue("@version", out var version) &&
            !(version is JsonValue vv && vv.GetValueKind() == JsonValueKind.Number && vv.ToJsonString() == "1.1"))
            throw new JsonLdException("@version must be 1.1.");
        if (context.ContainsKey("@import"))
            throw new JsonLdException("@import is not supported in contexts.");
        if (context.TryGetPropertyValue("@base", out var baseValue))
        {
            result.Base = baseValue switch
            {
                null => null,
                JsonValue b when b.GetValueKind() == JsonValueKind.String && Iris.IsAbsolute(b.GetValue<string>()) => b.GetValue<string>(),
                JsonValue b when b.GetValueKind() == JsonValueKind.String && result.Base is not null =>
                    Iris.Resolve(result.Base, b.GetValue<string>()),
                _ => throw new JsonLdException("@base must be an absolute IRI or null."),
            };
        }
        if (context.TryGetPropertyValue("@vocab", out var vocab))
        {
            if (vocab is null) result.Vocab = null;
            else if (vocab is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            {
                var expanded = result.ExpandIri(s.GetValue<string>(), vocab: true, documentRelative: true);
                if (expanded is null || !(Iris.IsAbsolute(expanded) || expanded.StartsWith("_:", StringComparison.Ordinal)))
                    throw new JsonLdException($"@vocab '{s.GetValue<string>()}' is not an absolute IRI.");
                result.Vocab = expanded;
            }
            else throw new JsonLdException("@vocab must be a string or null.");
        }
        if (context.TryGetPropertyValue("@language", out var language))
        {
            result.DefaultLanguage = language switch
            {
                null => null,
                JsonValue l when l.GetValueKind() == JsonValueKind.String => l.GetValue<string>().ToLowerInvariant(),
                _ => throw new JsonLdException("@language must be a string or null."),
            };
        }
        if (context.TryGetPropertyValue("@direction", out var direction))
        {
            result.DefaultDirection = direction switch
            {
                null => null,
                JsonValue d when d.GetValueKind() == JsonValueKind.String && d.GetValue<string>() is "ltr" or "rtl" => d.GetValue<string>(),
                _ => throw new JsonLdException("@direction must be \"ltr\", \"rtl\" or null."),
            };
        }
        var protectedDefault = false;
        if (context.TryGetPropertyValue("@protected", out var protectedValue))
            protectedDefault = ReadBoolean(protectedValue, "@protected");

        var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (term, _) in context)
        {
            if (term is "@base" or "@direction" or "@import" or "@language" or "@propagate" or "@protected" or "@version" or "@vocab")
                continue;
            result.CreateTermDefinition(context, term, defined, overrideProtected, protectedDefault);
        }
    }

    // Create Term Definition (4.2).
    private void CreateTermDefinition(JsonObject local, string term, Dictionary<string, bool> defined, bool overrideProtected,
        bool protectedDefault)
    {
        if (defined.TryGetValue(term, out var done))
        {
            if (done) return;
            throw new JsonLdException($"The term '{term}' is defined through itself.");
        }
        if (term.Length == 0) throw new JsonLdException("A term cannot be empty.");
        defined[term] = false;
        var value = local[term];

        if (Keywords.IsKeyword(term))
        {
            var allowedTypeRedefinition = term == "@type" && value is JsonObject t && t.Count > 0 &&
                t.All(kv => (kv.Key == "@container" && kv.Value is JsonValue c && c.GetValueKind() == JsonValueKind.String &&
                             c.GetValue<string>() == "@set") || kv.Key == "@protected");
            if (!allowedTypeRedefinition) throw new JsonLdException($"The keyword '{term}' cannot be redefined.");
        }
        else if (Keywords.LooksLikeKeyword(term))
        {
            throw new JsonLdException($"The term '{term}' has the form of a keyword and is reserved.");
        }

        Terms.TryGetValue(term, out var previous);
        Terms.Remove(term);

        JsonObject definition;
        var simpleTerm = false;
        switch (value)
        {
            case null:
                definition = new JsonObject { ["@id"] = null };
                break;
            case JsonValue s when s.GetValueKind() == JsonValueKind.String:
                definition = new JsonObject { ["@id"] = s.GetValue<string>() };
                simpleTerm = true;
                break;
            case JsonObject o:
                definition = o;
                break;
            default:
                throw new JsonLdException($"The definition of '{term}' must be a string, an object or null.");
        }

        foreach (var (key, _) in definition)
        {
            if (key is not ("@id" or "@reverse" or "@container" or "@context" or "@direction" or "@index" or "@language"
                or "@nest" or "@prefix" or "@protected" or "@type"))
                throw new JsonLdException($"The definition of '{term}' has the unknown entry '{key}'.");
        }
        if (definition.ContainsKey("@reverse"))
            throw new JsonLdException($"The definition of '{term}' uses @reverse, which is not supported.");

        var isProtected = definition.TryGetPropertyValue("@protected", out var pv) ? ReadBoolean(pv, "@protected") : protectedDefault;

        string? typeMapping = null;
        if (definition.TryGetPropertyValue("@type", out var typeNode))
        {
            var type = ReadString(typeNode, $"the @type of '{term}'");
            typeMapping = ExpandIri(type, vocab: true, documentRelative: false, local, defined);
            if (!(typeMapping is "@id" or "@vocab" or "@json" or "@none" ||
                  (typeMapping is not null && !Keywords.IsKeyword(typeMapping) && Iris.IsAbsolute(typeMapping))))
                throw new JsonLdException($"The @type of '{term}' must be @id, @vocab, @json, @none or an absolute IRI.");
        }

        string? id;
        var prefix = false;
        var colon = term.IndexOf(':', 1);
        if (definition.TryGetPropertyValue("@id", out var idNode) && !(idNode is JsonValue same && same.GetValueKind() == JsonValueKind.String && same.GetValue<string>() == term))
        {
            if (idNode is null)
            {
                id = null;
            }
            else
            {
                var raw = ReadString(idNode, $"the @id of '{term}'");
                if (!Keywords.IsKeyword(raw) && Keywords.LooksLikeKeyword(raw))
                    throw new JsonLdException($"The @id of '{term}' has the form of a keyword and is reserved.");
                id = ExpandIri(raw, vocab: true, documentRelative: false, local, defined);
                if (id is null || !(Keywords.IsKeyword(id) || Iris.IsAbsolute(id) || id.StartsWith("_:", StringComparison.Ordinal)))
                    throw new JsonLdException($"The @id of '{term}' does not expand to an IRI, a blank node or a keyword.");
                if (id == "@context") throw new JsonLdException("@context cannot be aliased.");
                if ((colon > 0 && colon < term.Length - 1) || term.Contains('/'))
                {
                    defined[term] = true;
                    if (ExpandIri(term, vocab: true, documentRelative: false, local, defined) != id)
                        throw new JsonLdException($"The term '{term}' looks like an IRI but maps to a different one.");
                }
                if (!term.Contains(':') && !term.Contains('/') && simpleTerm &&
                    (id.StartsWith("_:", StringComparison.Ordinal) || (id.Length > 0 && ":/?#[]@".Contains(id[^1]))))
                    prefix = true;
            }
        }
        else if (colon > 0)
        {
            var prefixName = term[..colon];
            var suffix = term[(colon + 1)..];
            if (local.ContainsKey(prefixName)) CreateTermDefinition(local, prefixName, defined, overrideProtected, protectedDefault);
            id = Terms.TryGetValue(prefixName, out var prefixDefinition) && prefixDefinition.Id is not null
                ? prefixDefinition.Id + suffix
                : term;
        }
        else if (term.Contains('/'))
        {
            id = ExpandIri(term, vocab: true, documentRelative: false, local, defined);
            if (id is null || !Iris.IsAbsolute(id)) throw new JsonLdException($"The term '{term}' is not an absolute IRI.");
        }
        else if (term == "@type")
        {
            id = "@type";
        }
        else if (Vocab is not null)
        {
            id = Vocab + term;
        }
        else
        {
            throw new JsonLdException($"The term '{term}' has no IRI: no @id and no @vocab.");
        }

        var container = Containers.None;
        if (definition.TryGetPropertyValue("@container", out var containerNode))
            container = ReadContainer(containerNode, term);

        string? index = null;
        if (definition.TryGetPropertyValue("@index", out var indexNode))
        {
            if (!container.HasFlag(Containers.Index)) throw new JsonLdException($"'{term}' has @index without an @index container.");
            index = ReadString(indexNode, $"the @index of '{term}'");
        }

        var hasContext = definition.TryGetPropertyValue("@context", out var scoped);

        var hasLanguage = false;
        string? language = null;
        if (definition.TryGetPropertyValue("@language", out var languageNode) && typeMapping is null)
        {
            hasLanguage = true;
            language = languageNode is null ? null : ReadString(languageNode, $"the @language of '{term}'").ToLowerInvariant();
        }

        var hasDirection = false;
        string? direction = null;
        if (definition.TryGetPropertyValue("@direction", out var directionNode) && typeMapping is null)
        {
            hasDirection = true;
            direction = directionNode is null ? null : ReadString(directionNode, $"the @direction of '{term}'");
            if (direction is not (null or "ltr" or "rtl")) throw new JsonLdException($"The @direction of '{term}' must be ltr or rtl.");
        }

        string? nest = null;
        if (definition.TryGetPropertyValue("@nest", out var nestNode))
        {
            nest = ReadString(nestNode, $"the @nest of '{term}'");
            if (Keywords.IsKeyword(nest) && nest != "@nest") throw new JsonLdException($"The @nest of '{term}' is invalid.");
        }

        if (definition.TryGetPropertyValue("@prefix", out var prefixNode))
        {
            if (term.Contains(':') || term.Contains('/')) throw new JsonLdException($"'{term}' cannot have @prefix.");
            prefix = ReadBoolean(prefixNode, "@prefix");
            if (prefix && id is not null && Keywords.IsKeyword(id)) throw new JsonLdException($"'{term}' maps to a keyword and cannot be a prefix.");
        }

        var result = new TermDefinition
        {
            Id = id,
            TypeMapping = typeMapping,
            Container = container,
            HasLanguage = hasLanguage,
            Language = language,
            HasDirection = hasDirection,
            Direction = direction,
            Context = scoped,
            HasContext = hasContext,
            Protected = isProtected,
            Prefix = prefix,
            Nest = nest,
            Index = index,
        };

        if (!overrideProtected && previous is { Protected: true })
        {
            if (!previous.SameAs(result)) throw new JsonLdException($"The protected term '{term}' cannot be redefined.");
            result = previous;
        }

        Terms[term] = result;
        if (result.Protected) HasProtectedTerms = true;
        defined[term] = true;
    }

    /// <summary>IRI Expansion (5.2); returns null when the value maps to nothing.</summary>
    public string? ExpandIri(string? value, bool vocab, bool documentRelative, JsonObject? local = null,
        Dictionary<string, bool>? defined = null)
    {
        if (value is null || Keywords.IsKeyword(value)) return value;
        if (Keywords.LooksLikeKeyword(value)) return null;
        if (local is not null && defined is not null && local.ContainsKey(value) &&
            !(defined.TryGetValue(value, out var done) && done))
            CreateTermDefinition(local, value, defined, overrideProtected: false, ProtectedDefault(local));

        if (Terms.TryGetValue(value, out var definition))
        {
            if (definition.Id is not null && Keywords.IsKeyword(definition.Id)) return definition.Id;
            if (vocab) return definition.Id;
        }

        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value.AsSpan(colon + 1);
            if (prefix == "_" || suffix.StartsWith("//")) return value;
            if (local is not null && defined is not null && local.ContainsKey(prefix) &&
                !(defined.TryGetValue(prefix, out var prefixDone) && prefixDone))
                CreateTermDefinition(local, prefix, defined, overrideProtected: false, ProtectedDefault(local));
            if (Terms.TryGetValue(prefix, out var prefixDefinition) && prefixDefinition.Id is not null && prefixDefinition.Prefix)
                return string.Concat(prefixDefinition.Id, suffix);
            if (Iris.IsAbsolute(value)) return value;
        }

        if (vocab && Vocab is not null) return Vocab + value;
        if (documentRelative && Base is not null) return Iris.Resolve(Base, value);
        return value;
    }

    private static bool ProtectedDefault(JsonObject local) =>
        local.TryGetPropertyValue("@protected", out var p) && p is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static Containers ReadContainer(JsonNode? node, string term)
    {
        var result = Containers.None;
        var items = node is JsonArray array ? array.ToArray() : [node];
        foreach (var item in items)
        {
            result |= ReadString(item, $"the @container of '{term}'") switch
            {
                "@set" => Containers.Set,
                "@list" => Containers.List,
                "@graph" => Containers.Graph,
                "@language" => Containers.Language,
                "@index" => Containers.Index,
                "@id" => Containers.Id,
                "@type" => Containers.Type,
                var other => throw new JsonLdException($"The @container '{other}' of '{term}' is not valid."),
            };
        }
        if (result.HasFlag(Containers.List) && result != Containers.List)
            throw new JsonLdException($"The @list container of '{term}' cannot be combined.");
        return result;
    }

    private static string ReadString(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new JsonLdException($"{char.ToUpperInvariant(what[0])}{what[1..]} must be a string.");

    private static bool ReadBoolean(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : throw new JsonLdException($"{what} must be true or false.");
}

internal static class Keywords
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    };

    public static bool IsKeyword(string value) => value.Length > 1 && value[0] == '@' && All.Contains(value);

    /// <summary>"@" followed by ASCII letters only: reserved for future keywords and ignored.</summary>
    public static bool LooksLikeKeyword(string value)
    {
        if (value.Length < 2 || value[0] != '@') return false;
        for (var i = 1; i < value.Length; i++)
            if (!char.IsAsciiLetter(value[i])) return false;
        return true;
    }
}

internal static class Iris
{
    /// <summary>A scheme, a colon and no whitespace (or a blank node identifier), as jsonld.js tests it.</summary>
    public static bool IsAbsolute(string value)
    {
        var colon = value.IndexOf(':');
        if (colon <= 0) return false;
        if (!(colon == 1 && value[0] == '_'))
        {
            if (!char.IsAsciiLetter(value[0])) return false;
            for (var i = 1; i < colon; i++)
            {
                var c = value[i];
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
            }
        }
        return !value.AsSpan(colon + 1).ContainsAny(WhiteSpace);
    }

    // Every character char.IsWhiteSpace accepts, searched for in one vectorized pass.
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace).ToArray());

    public static string Resolve(string baseIri, string relative) =>
        Uri.TryCreate(new Uri(baseIri), relative, out var resolved) ? resolved.AbsoluteUri : relative;
}
