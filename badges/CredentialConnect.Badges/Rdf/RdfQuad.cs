namespace CredentialConnect.Badges.Rdf;

/// <summary>An RDF term: an IRI, a blank node (<c>_:b0</c>) or a literal with its datatype or language.</summary>
public abstract record RdfTerm;

public sealed record Iri(string Value) : RdfTerm;

public sealed record BlankNode(string Label) : RdfTerm;

public sealed record Literal(string Value, string Datatype, string? Language = null) : RdfTerm;

/// <summary>One statement; <see cref="Graph"/> is null in the default graph.</summary>
public sealed record RdfQuad(RdfTerm Subject, Iri Predicate, RdfTerm Object, RdfTerm? Graph);
