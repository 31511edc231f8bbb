namespace CredentialConnect.Badges.Rdf;

/// <summary>An RDF term: an IRI, a blank node (<c>_:b0</c>) or a literal with its datatype or language.</summary>
public abstract record RdfTerm;

public sealed record Iri(string Value) : RdfTerm;

/// <summary>A blank node; <see cref="Label"/> is the label without the <c>_:</c> prefix (<c>b0</c> is written <c>_:b0</c>).</summary>
public sealed record BlankNode(string Label) : RdfTerm;

/// <summary>A literal; language-tagged strings have the datatype rdf:langString.</summary>
public sealed record Literal(string Value, string Datatype, string? Language = null) : RdfTerm;

/// <summary>One statement; <see cref="Graph"/> is null in the default graph.</summary>
public sealed record RdfQuad(RdfTerm Subject, Iri Predicate, RdfTerm Object, RdfTerm? Graph);
