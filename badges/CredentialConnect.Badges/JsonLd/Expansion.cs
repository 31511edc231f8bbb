using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>
/// The JSON-LD 1.1 Expansion Algorithm (5.1) over <see cref="JsonNode"/> input. The expanded form is plain data:
/// maps are <c>Dictionary&lt;string, object?&gt;</c>, arrays <c>List&lt;object?&gt;</c>, scalars string, double or
/// bool, and the value of a <c>@json</c> literal the original <see cref="JsonNode"/>. What jsonld.js drops with a
/// warning in its safe mode (undefined terms, relative IRIs, free-floating values) is an error here, so nothing a
/// signature covers is silently lost.
/// </summary>
internal static class Expansion
{
    public static List<object?> Expand(JsonNode document, IContextLoader loader)
    {
        var expanded = Expand(ActiveContext.Initial(loader), null, document, insideList: false, insideIndex: false, typeScoped: null);
        // A top-level object with only @graph is its graph's content.
        if (expanded is Dictionary<string, object?> map && map.Count == 1 && map.TryGetValue("@graph", out var graph))
            expanded = graph;
        return expanded switch
        {
            null => [],
            List<object?> list => list,
            _ => [expanded],
        };
    }

    private static object? Expand(ActiveContext context, string? activeProperty, JsonNode? element, bool insideList,
        bool insideIndex, ActiveContext? typeScoped)
    {
        switch (element)
        {
            case null:
                return null;
            case JsonArray array:
            {
                var result = new List<object?>(array.Count);
                var listContainer = insideList || (context.Term(activeProperty)?.Container.HasFlag(Containers.List) ?? false);
                foreach (var item in array)
                {
                    var expandedItem = Expand(context, activeProperty, item, listContainer, insideIndex, typeScoped);
                    if (listContainer && expandedItem is List<object?> nested)
                        expandedItem = new Dictionary<string, object?> { ["@list"] = nested };
                    if (expandedItem is null) continue;
                    if (expandedItem is List<object?> items) result.AddRange(items);
                    else result.Add(expandedItem);
                }
                return result;
            }
            case JsonObject obj:
                return ExpandMap(context, activeProperty, obj, insideList, insideIndex, typeScoped);
            default:
                var value = (JsonValue)element;
                if (!insideList && (activeProperty is null ||
                                    context.ExpandIri(activeProperty, vocab: true, documentRelative: false) == "@graph"))
                    throw new JsonLdException($"The value {value.ToJsonString()} is not attached to any property.");
                return ExpandValue(context, activeProperty!, value);
        }
    }

    private static object? ExpandMap(ActiveContext context, string? activeProperty, JsonObject element, bool insideList,
        bool insideIndex, ActiveContext? typeScoped)
    {
        var expandedActiveProperty = context.ExpandIri(activeProperty, vocab: true, documentRelative: false);
        var propertyScoped = context.Term(activeProperty);
        var keys = SortedKeys(element);

        // A type-scoped context does not reach into nested nodes: revert it unless this is a value or a bare reference.
        typeScoped ??= context.Previous is not null ? context : null;
        var mustRevert = !insideIndex;
        if (mustRevert && typeScoped is not null && keys.Length <= 2 && !element.ContainsKey("@context"))
        {
            foreach (var key in keys)
            {
                var expandedKey = typeScoped.ExpandIri(key, vocab: true, documentRelative: false);
                if (expandedKey == "@value")
                {
                    mustRevert = false;
                    context = typeScoped;
                    break;
                }
                if (expandedKey == "@id" && keys.Length == 1)
                {
                    mustRevert = false;
                    break;
                }
            }
        }
        if (mustRevert) context = context.RevertToPrevious();

        if (propertyScoped is { HasContext: true })
            context = context.ProcessScoped(propertyScoped.Context, overrideProtected: true, propagate: true);
        if (element.TryGetPropertyValue("@context", out var localContext))
            context = context.ProcessDocumentContext(localContext);

        typeScoped = context;
        string? typeKey = null;
        foreach (var key in keys)
        {
            if (context.ExpandIri(key, vocab: true, documentRelative: false) != "@type") continue;
            typeKey ??= key;
            foreach (var type in SortedStrings(element[key]))
            {
                var definition = typeScoped.Term(type);
                if (definition is { HasContext: true })
                    context = context.ProcessScoped(definition.Context, overrideProtected: false, propagate: false);
            }
        }

        var result = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        ExpandObject(context, activeProperty, expandedActiveProperty, element, keys, result, typeKey, typeScoped);
        return Finish(result, activeProperty, expandedActiveProperty);
    }

    private static object? Finish(Dictionary<string, object?> result, string? activeProperty, string? expandedActiveProperty)
    {
        var count = result.Count;
        object? rval = result;
        if (result.TryGetValue("@value", out var value))
        {
            foreach (var key in result.Keys)
                if (key is not ("@value" or "@language" or "@type" or "@index" or "@direction"))
                    throw new JsonLdException($"A value object cannot contain '{key}'.");
            result.TryGetValue("@type", out var type);
            if (result.ContainsKey("@language") && type is not null)
                throw new JsonLdException("A value object cannot have both @language and @type.");
            if (type is "@json")
            {
                // any JSON is allowed
            }
            else if (value is null)
            {
                throw new JsonLdException("A value object has a null @value.");
            }
            else if (value is not string && result.ContainsKey("@language"))
            {
                throw new JsonLdException("Only strings can have a language.");
            }
            else if (type is not null && (type is not string t || !Iris.IsAbsolute(t) || t.StartsWith("_:", StringComparison.Ordinal)))
            {
                throw new JsonLdException("A typed value needs an absolute IRI as its @type.");
            }
        }
        else if (result.TryGetValue("@type", out var types) && types is not List<object?>)
        {
            result["@type"] = new List<object?> { types };
        }
        else if (result.ContainsKey("@set") || result.ContainsKey("@list"))
        {
            if (count > 2 || (count == 2 && !result.ContainsKey("@index")))
                throw new JsonLdException("@set and @list objects can only have @index besides.");
            if (result.TryGetValue("@set", out var set))
            {
                rval = set;
                count = rval is Dictionary<string, object?> m ? m.Count : 0;
            }
        }

        if (rval is Dictionary<string, object?> map && map.Count == 1 && map.ContainsKey("@language"))
            throw new JsonLdException("An object with only @language carries nothing.");

        if ((activeProperty is null || expandedActiveProperty == "@graph") && rval is Dictionary<string, object?> top)
        {
            if (count == 0 || top.ContainsKey("@value") || top.ContainsKey("@list") || (count == 1 && top.ContainsKey("@id")))
                throw new JsonLdException(count == 0
                    ? "An empty object at the top of a graph carries nothing."
                    : "A value, list or bare reference at the top of a graph carries nothing.");
        }
        return rval;
    }

    private static void ExpandObject(ActiveContext context, string? activeProperty, string? expandedActiveProperty,
        JsonObject element, string[] keys, Dictionary<string, object?> expandedParent, string? typeKey, ActiveContext typeScoped)
    {
        var nests = new List<string>();
        var isJsonType = typeKey is not null && element[typeKey] is { } typeNode &&
                         context.ExpandIri((typeNode is JsonArray ta ? ta.FirstOrDefault() : typeNode) is JsonValue tv &&
                                           tv.GetValueKind() == JsonValueKind.String ? tv.GetValue<string>() : null,
                             vocab: true, documentRelative: false) == "@json";

        foreach (var key in keys)
        {
            if (key == "@context") continue;
            var value = element[key];
            var expandedProperty = context.ExpandIri(key, vocab: true, documentRelative: false);
            if (expandedProperty is null || !(Iris.IsAbsolute(expandedProperty) || Keywords.IsKeyword(expandedProperty)))
                throw new JsonLdException($"The property '{key}' is not defined by the context.");

            if (Keywords.IsKeyword(expandedProperty))
            {
                if (expandedParent.ContainsKey(expandedProperty) && expandedProperty is not ("@included" or "@type"))
                    throw new JsonLdException($"The keyword {expandedProperty} appears twice (through aliases).");
                switch (expandedProperty)
                {
                    case "@id":
                        var id = AsString(value, "@id");
                        var expandedId = context.ExpandIri(id, vocab: false, documentRelative: true);
                        if (expandedId is null) throw new JsonLdException($"The @id '{id}' is reserved.");
                        RequireAbsolute(expandedId, "@id");
                        expandedParent["@id"] = expandedId;
                        continue;
                    case "@type":
                        var types = new List<object?>();
                        foreach (var item in value is JsonArray arr ? arr.ToArray() : [value])
                        {
                            var type = AsString(item, "@type");
                            var expandedType = typeScoped.ExpandIri(type, vocab: true, documentRelative: true);
                            if (expandedType is null) throw new JsonLdException($"The type '{type}' is reserved.");
                            if (expandedType != "@json") RequireAbsolute(expandedType, "@type");
                            types.Add(expandedType);
                        }
                        if (expandedParent.TryGetValue("@type", out var existing))
                        {
                            var merged = existing as List<object?> ?? [existing];
                            merged.AddRange(types);
                            expandedParent["@type"] = merged;
                        }
                        else expandedParent["@type"] = value is JsonArray ? types : types[0];
                        continue;
                    case "@included":
                        var included = Expand(context, activeProperty, value, false, false, null);
                        var includedList = included as List<object?> ?? (included is null ? [] : [included]);
                        if (!includedList.All(IsNodeObject)) throw new JsonLdException("@included must contain node objects.");
                        AddValue(expandedParent, "@included", includedList, asArray: true);
                        continue;
                    case "@graph":
                        if (value is not (JsonObject or JsonArray)) throw new JsonLdException("@graph must be an object or an array.");
                        var graph = Expand(context, "@graph", value, false, false, null);
                        expandedParent["@graph"] = graph as List<object?> ?? (graph is null ? [] : [graph]);
                        continue;
                    case "@value":
                        expandedParent["@value"] = isJsonType ? value?.DeepClone() : ScalarOf(value, allowNull: true);
                        continue;
                    case "@language":
                        if (value is null) continue;
                        expandedParent["@language"] = AsString(value, "@language").ToLowerInvariant();
                        continue;
                    case "@direction":
                        var direction = AsString(value, "@direction");
                        if (direction is not ("ltr" or "rtl")) throw new JsonLdException("@direction must be \"ltr\" or \"rtl\".");
                        expandedParent["@direction"] = direction;
                        continue;
                    case "@index":
                        expandedParent["@index"] = AsString(value, "@index");
                        continue;
                    case "@reverse":
                        throw new JsonLdException("@reverse is not supported.");
                    case "@nest":
                        nests.Add(key);
                        continue;
                }
            }

            var termContext = context;
            var definition = context.Term(key);
            if (definition is { HasContext: true })
                termContext = context.ProcessScoped(definition.Context, overrideProtected: true, propagate: true);
            var container = definition?.Container ?? Containers.None;

            object? expandedValue;
            if (container.HasFlag(Containers.Language) && value is JsonObject languageMap)
                expandedValue = ExpandLanguageMap(termContext, key, languageMap);
            else if (container.HasFlag(Containers.Index) && value is JsonObject indexMap)
                expandedValue = ExpandIndexMap(termContext, key, indexMap, container.HasFlag(Containers.Graph), definition?.Index);
            else if ((container.HasFlag(Containers.Id) || container.HasFlag(Containers.Type)) && value is JsonObject)
                throw new JsonLdException($"The {key} map container is not supported.");
            else if (expandedProperty is "@list" or "@set")
                expandedValue = Expand(termContext, expandedProperty == "@list" && expandedActiveProperty == "@graph" ? null : activeProperty,
                    value, insideList: expandedProperty == "@list", insideIndex: false, typeScoped: null);
            else if (definition?.TypeMapping == "@json")
                expandedValue = new Dictionary<string, object?> { ["@type"] = "@json", ["@value"] = value?.DeepClone() };
            else
                expandedValue = Expand(termContext, key, value, insideList: false, insideIndex: false, typeScoped: null);

            if (expandedValue is null && expandedProperty != "@value") continue;

            if (expandedProperty != "@list" && !IsList(expandedValue) && container.HasFlag(Containers.List))
                expandedValue = new Dictionary<string, object?> { ["@list"] = AsList(expandedValue) };

            if (container.HasFlag(Containers.Graph) && !container.HasFlag(Containers.Id) && !container.HasFlag(Containers.Index))
            {
                var graphs = new List<object?>();
                foreach (var item in AsList(expandedValue))
                {
                    if (item is Dictionary<string, object?> m &&
                        (m.Count == 0 || m.ContainsKey("@value") || m.ContainsKey("@list") || (m.Count == 1 && m.ContainsKey("@id"))))
                        throw new JsonLdException($"The graph under '{key}' holds nothing but a value or a reference.");
                    graphs.Add(new Dictionary<string, object?> { ["@graph"] = AsList(item) });
                }
                if (graphs.Count == 0) continue;
                expandedValue = graphs;
            }

            AddValue(expandedParent, expandedProperty, expandedValue, asArray: true);
        }

        foreach (var nestKey in nests)
        {
            var nested = element[nestKey];
            foreach (var nestedValue in nested is JsonArray na ? na.ToArray() : [nested])
            {
                if (nestedValue is not JsonObject nestedObject ||
                    nestedObject.Any(kv => context.ExpandIri(kv.Key, vocab: true, documentRelative: false) == "@value"))
                    throw new JsonLdException("@nest values must be node-like objects without @value.");
                var nestedKeys = SortedKeys(nestedObject);
                ExpandObject(context, activeProperty, expandedActiveProperty, nestedObject, nestedKeys, expandedParent, typeKey, typeScoped);
            }
        }
    }

    private static List<object?> ExpandLanguageMap(ActiveContext context, string key, JsonObject map)
    {
        var result = new List<object?>();
        var definition = context.Term(key);
        var direction = definition is { HasDirection: true } ? definition.Direction : context.DefaultDirection;
        foreach (var (language, languageValue) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var expandedLanguage = context.ExpandIri(language, vocab: true, documentRelative: false);
            foreach (var item in languageValue is JsonArray a ? a.ToArray() : [languageValue])
            {
                if (item is null) continue;
                var text = AsString(item, $"a value in the language map of '{key}'");
                var value = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@value"] = text };
                if (language != "@none" && expandedLanguage != "@none") value["@language"] = language.ToLowerInvariant();
                if (direction is not null) value["@direction"] = direction;
                result.Add(value);
            }
        }
        return result;
    }

    private static List<object?> ExpandIndexMap(ActiveContext context, string key, JsonObject map, bool asGraph, string? indexKey)
    {
        if (indexKey is not null && indexKey != "@index")
            throw new JsonLdException($"Property-valued indexes ('{key}') are not supported.");
        var result = new List<object?>();
        foreach (var (index, indexValue) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var expanded = Expand(context, key, indexValue is JsonArray ? indexValue : new JsonArray(indexValue?.DeepClone()),
                insideList: false, insideIndex: true, typeScoped: null);
            foreach (var item in AsList(expanded))
            {
                var entry = item;
                if (asGraph && !IsGraph(entry)) entry = new Dictionary<string, object?> { ["@graph"] = AsList(entry) };
                if (entry is Dictionary<string, object?> m && index != "@none" &&
                    context.ExpandIri(index, vocab: true, documentRelative: false) != "@none" && !m.ContainsKey("@index"))
                    m["@index"] = index;
                result.Add(entry);
            }
        }
        return result;
    }

    // Value Expansion (5.3).
    private static object? ExpandValue(ActiveContext context, string activeProperty, JsonValue value)
    {
        var scalar = ScalarOf(value, allowNull: false);
        var definition = context.Term(activeProperty);
        var expandedProperty = context.ExpandIri(activeProperty, vocab: true, documentRelative: false);
        var typeMapping = definition?.TypeMapping;

        if (scalar is string text)
        {
            if (expandedProperty == "@id")
            {
                var id = context.ExpandIri(text, vocab: false, documentRelative: true);
                return id is null ? null : RequireAbsolute(id, "@id");
            }
            if (expandedProperty == "@type")
                return RequireAbsolute(context.ExpandIri(text, vocab: true, documentRelative: true)!, "@type");
            if (typeMapping == "@id" || expandedProperty == "@graph")
            {
                var id = context.ExpandIri(text, vocab: false, documentRelative: true)
                         ?? throw new JsonLdException($"'{text}' is a reserved value for '{activeProperty}'.");
                return new Dictionary<string, object?> { ["@id"] = RequireAbsolute(id, activeProperty) };
            }
            if (typeMapping == "@vocab")
            {
                var id = context.ExpandIri(text, vocab: true, documentRelative: true)
                         ?? throw new JsonLdException($"'{text}' is a reserved value for '{activeProperty}'.");
                return new Dictionary<string, object?> { ["@id"] = RequireAbsolute(id, activeProperty) };
            }
        }

        if (expandedProperty is not null && Keywords.IsKeyword(expandedProperty)) return scalar;

        var result = new Dictionary<string, object?>(3, StringComparer.Ordinal);
        if (typeMapping is not null && typeMapping is not ("@id" or "@vocab" or "@none"))
        {
            result["@type"] = typeMapping;
        }
        else if (scalar is string)
        {
            var language = definition is { HasLanguage: true } ? definition.Language : context.DefaultLanguage;
            if (language is not null) result["@language"] = language;
            var direction = definition is { HasDirection: true } ? definition.Direction : context.DefaultDirection;
            if (direction is not null) result["@direction"] = direction;
        }
        result["@value"] = scalar;
        return result;
    }

    private static object? ScalarOf(JsonNode? node, bool allowNull) => node switch
    {
        null when allowNull => null,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new JsonLdException("Unexpected JSON value."),
        },
        _ => throw new JsonLdException("@value must be a string, a number, a boolean or null."),
    };

    private static IEnumerable<string> SortedStrings(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            var values = array.Select(i => AsString(i, "@type")).ToArray();
            Array.Sort(values, StringComparer.Ordinal);
            return values;
        }
        return [AsString(node, "@type")];
    }

    private static string AsString(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new JsonLdException($"{what} must be a string.");

    private static string RequireAbsolute(string iri, string where) =>
        Iris.IsAbsolute(iri) ? iri : throw new JsonLdException($"'{iri}' ({where}) is a relative IRI; only absolute IRIs are accepted.");

    /// <summary>The object's member names in ordinal order.</summary>
    internal static string[] SortedKeys(JsonObject element)
    {
        var keys = new string[element.Count];
        var i = 0;
        foreach (var (key, _) in element) keys[i++] = key;
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The map's keys in ordinal order.</summary>
    internal static string[] SortedKeys<TValue>(Dictionary<string, TValue> map)
    {
        var keys = new string[map.Count];
        map.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    internal static List<object?> AsList(object? value) => value switch
    {
        null => [],
        List<object?> list => list,
        _ => [value],
    };

    private static bool IsList(object? value) => value is Dictionary<string, object?> m && m.ContainsKey("@list");

    private static bool IsGraph(object? value) => value is Dictionary<string, object?> m && m.ContainsKey("@graph") &&
                                                  m.Keys.All(k => k is "@graph" or "@id" or "@index");

    private static bool IsNodeObject(object? value) => value is Dictionary<string, object?> m &&
                                                      !m.ContainsKey("@value") && !m.ContainsKey("@list") && !m.ContainsKey("@set");

    private static void AddValue(Dictionary<string, object?> parent, string key, object? value, bool asArray)
    {
        if (!parent.TryGetValue(key, out var existing) || existing is not List<object?> list)
        {
            list = existing is null ? [] : [existing];
            if (existing is null && !asArray && value is not List<object?>)
            {
                parent[key] = value;
                return;
            }
            parent[key] = list;
        }
        if (value is List<object?> values) list.AddRange(values);
        else list.Add(value);
    }
}
