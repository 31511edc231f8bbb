using System.Text.Json.Nodes;
using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>JSON-LD 1.1 expansion and deserialization to RDF, enough for credentials on the pinned contexts.</summary>
public static class JsonLdToRdf
{
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private const string RdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
    private const string RdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
    private const string RdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
    private const string RdfJson = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    private const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
    private const string XsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
    private const string XsdDouble = "http://www.w3.org/2001/XMLSchema#double";
    private const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
    private const string XsdString = "http://www.w3.org/2001/XMLSchema#string";

    private static readonly Iri TypePredicate = new(RdfType);
    private static readonly Iri FirstPredicate = new(RdfFirst);
    private static readonly Iri RestPredicate = new(RdfRest);
    private static readonly Iri Nil = new(RdfNil);

    /// <summary>The document's RDF dataset; throws <see cref="JsonLdException"/> for what cannot be expanded.</summary>
    public static IReadOnlyList<RdfQuad> ToRdf(JsonObject document, IContextLoader contexts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(contexts);
        var expanded = Expansion.Expand(document, contexts);
        var nodeMap = new NodeMap();
        nodeMap.Add(expanded, "@default", null, null, null);

        var dataset = new List<RdfQuad>(64);
        foreach (var graphName in Expansion.SortedKeys(nodeMap.Graphs))
        {
            RdfTerm? graph = graphName == "@default" ? null : Term(graphName);
            if (graph is Iri { Value: var g } && !Iris.IsAbsolute(g)) throw new JsonLdException($"The graph name '{g}' is relative.");
            var nodes = nodeMap.Graphs[graphName];
            foreach (var id in Expansion.SortedKeys(nodes))
            {
                var node = nodes[id];
                var subject = Term(id);
                foreach (var property in Expansion.SortedKeys(node))
                {
                    Iri predicate;
                    if (property == "@type") predicate = TypePredicate;
                    else if (Keywords.IsKeyword(property)) continue;
                    else if (property.StartsWith("_:", StringComparison.Ordinal))
                        throw new JsonLdException($"The property '{property}' is a blank node; RDF predicates must be IRIs.");
                    else predicate = new Iri(property);

                    foreach (var item in (List<object?>)node[property]!)
                    {
                        var obj = property == "@type" ? Term((string)item!) : ObjectTerm(item, nodeMap, dataset, graph);
                        dataset.Add(new RdfQuad(subject, predicate, obj, graph));
                    }
                }
            }
        }
        return dataset;
    }

    private static RdfTerm Term(string id) =>
        id.StartsWith("_:", StringComparison.Ordinal) ? new BlankNode(id[2..]) : new Iri(id);

    private static RdfTerm ObjectTerm(object? item, NodeMap nodeMap, List<RdfQuad> dataset, RdfTerm? graph)
    {
        var map = (Dictionary<string, object?>)item!;
        if (map.TryGetValue("@value", out var value))
        {
            map.TryGetValue("@type", out var typeValue);
            var datatype = typeValue as string;
            if (datatype == "@json") return new Literal(JsNumbers.Canonicalize(value as JsonNode), RdfJson);
            switch (value)
            {
                case bool b:
                    return new Literal(b ? "true" : "false", datatype ?? XsdBoolean);
                case double d when JsNumbers.IsJsDouble(d) || datatype == XsdDouble:
                    return new Literal(JsNumbers.ToXsdDouble(d), datatype ?? XsdDouble);
                case string s when datatype == XsdDouble:
                    return new Literal(JsNumbers.ToXsdDouble(ParseFloat(s)), datatype);
                case double d:
                    return new Literal(JsNumbers.ToXsdInteger(d), datatype ?? XsdInteger);
            }
            var text = (string)value!;
            if (map.TryGetValue("@direction", out _))
                throw new JsonLdException("Values with @direction cannot be turned into RDF without an rdfDirection mode.");
            if (map.TryGetValue("@language", out var language))
                return new Literal(text, datatype ?? RdfLangString, (string?)language);
            return new Literal(text, datatype ?? XsdString);
        }
        if (map.TryGetValue("@list", out var list))
            return ListTerm((List<object?>)list!, nodeMap, dataset, graph);

        var id = (string)map["@id"]!;
        var term = Term(id);
        if (term is Iri && !Iris.IsAbsolute(id)) throw new JsonLdException($"The reference '{id}' is relative.");
        return term;
    }

    private static RdfTerm ListTerm(List<object?> items, NodeMap nodeMap, List<RdfQuad> dataset, RdfTerm? graph)
    {
        if (items.Count == 0) return Nil;
        var head = new BlankNode(nodeMap.NewBlankNode()[2..]);
        var subject = head;
        for (var i = 0; i < items.Count; i++)
        {
            var obj = ObjectTerm(items[i], nodeMap, dataset, graph);
            RdfTerm next = i == items.Count - 1 ? Nil : new BlankNode(nodeMap.NewBlankNode()[2..]);
            dataset.Add(new RdfQuad(subject, FirstPredicate, obj, graph));
            dataset.Add(new RdfQuad(subject, RestPredicate, next, graph));
            if (next is BlankNode nextNode) subject = nextNode;
        }
        return head;
    }

    // JavaScript's parseFloat over a whole string, enough for typed values written as text.
    private static double ParseFloat(string text) =>
        double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : double.NaN;
}

/// <summary>The Node Map Generation algorithm (7.2): every node by graph and id, blank nodes relabelled <c>_:b0…</c>.</summary>
internal sealed class NodeMap
{
    private readonly Dictionary<string, string> _blankNodes = new(StringComparer.Ordinal);
    private int _counter;

    public Dictionary<string, Dictionary<string, Dictionary<string, object?>>> Graphs { get; } =
        new(StringComparer.Ordinal) { ["@default"] = new(StringComparer.Ordinal) };

    public string NewBlankNode() => "_:b" + _counter++;

    private string Relabel(string id)
    {
        if (!id.StartsWith("_:", StringComparison.Ordinal)) return id;
        if (!_blankNodes.TryGetValue(id, out var label))
        {
            label = NewBlankNode();
            _blankNodes[id] = label;
        }
        return label;
    }

    public void Add(object? element, string activeGraph, string? activeSubject, string? activeProperty, List<object?>? list)
    {
        if (element is List<object?> items)
        {
            foreach (var item in items) Add(item, activeGraph, activeSubject, activeProperty, list);
            return;
        }
        var map = (Dictionary<string, object?>)element!;
        if (!Graphs.TryGetValue(activeGraph, out var graph)) Graphs[activeGraph] = graph = new(StringComparer.Ordinal);

        if (map.TryGetValue("@type", out var typeValue) && !map.ContainsKey("@value"))
        {
            var types = Expansion.AsList(typeValue);
            for (var i = 0; i < types.Count; i++) types[i] = Relabel((string)types[i]!);
            map["@type"] = types;
        }

        if (map.ContainsKey("@value"))
        {
            if (list is null) AddUnique(graph[activeSubject!], activeProperty!, map);
            else list.Add(map);
            return;
        }

        if (map.TryGetValue("@list", out var listValue))
        {
            var result = new List<object?>();
            Add(listValue, activeGraph, activeSubject, activeProperty, result);
            var listObject = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@list"] = result };
            if (list is null) AddAlways(graph[activeSubject!], activeProperty!, listObject);
            else list.Add(listObject);
            return;
        }

        var id = map.TryGetValue("@id", out var idValue) && idValue is string given ? Relabel(given) : NewBlankNode();
        if (!graph.TryGetValue(id, out var node)) graph[id] = node = new Dictionary<string, object?>(map.Count + 1, StringComparer.Ordinal) { ["@id"] = id };

        if (activeProperty is not null)
        {
            var reference = new Dictionary<string, object?>(1, StringComparer.Ordinal) { ["@id"] = id };
            if (list is null) AddUnique(graph[activeSubject!], activeProperty, reference);
            else list.Add(reference);
        }

        if (map.TryGetValue("@type", out var nodeTypes))
            foreach (var type in (List<object?>)nodeTypes!) AddUnique(node, "@type", type);

        if (map.TryGetValue("@index", out var index))
        {
            if (node.TryGetValue("@index", out var existing) && !Equals(existing, index))
                throw new JsonLdException($"The node '{id}' has two different @index values.");
            node["@index"] = index;
        }

        if (map.TryGetValue("@graph", out var graphValue)) Add(graphValue, id, null, null, null);
        if (map.TryGetValue("@included", out var included)) Add(included, activeGraph, null, null, null);

        foreach (var property in Expansion.SortedKeys(map))
        {
            if (property is "@id" or "@type" or "@index" or "@graph" or "@included" or "@reverse") continue;
            var name = Relabel(property);
            if (!node.ContainsKey(name)) node[name] = new List<object?>();
            Add(map[property], activeGraph, id, name, null);
        }
    }

    private static void AddAlways(Dictionary<string, object?> node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing)) node[property] = existing = new List<object?>();
        ((List<object?>)existing!).Add(value);
    }

    private static void AddUnique(Dictionary<string, object?> node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing)) node[property] = existing = new List<object?>();
        var values = (List<object?>)existing!;
        foreach (var v in values)
            if (SameValue(v, value)) return;
        values.Add(value);
    }

    // jsonld.js compareValues: equal value objects, or references to the same node.
    private static bool SameValue(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is string sa && b is string sb) return sa == sb;
        if (a is not Dictionary<string, object?> x || b is not Dictionary<string, object?> y) return false;
        if (x.TryGetValue("@value", out var xv) && y.TryGetValue("@value", out var yv))
        {
            return ScalarEquals(xv, yv) && Equals(Get(x, "@type"), Get(y, "@type")) &&
                   Equals(Get(x, "@language"), Get(y, "@language")) && Equals(Get(x, "@index"), Get(y, "@index"));
        }
        return x.TryGetValue("@id", out var xi) && y.TryGetValue("@id", out var yi) && Equals(xi, yi);
    }

    private static object? Get(Dictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v : null;

    private static bool ScalarEquals(object? a, object? b) => a is JsonNode || b is JsonNode ? ReferenceEquals(a, b) : Equals(a, b);
}
