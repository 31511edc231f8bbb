using System.Buffers;
using System.Globalization;
using System.Text;

namespace CredentialConnect.Badges.Rdf;

/// <summary>N-Quads as RDFC-1.0 writes them: one quad per line, canonical escaping, each line ending in <c>\n</c>.</summary>
public static class NQuads
{
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    public static string Serialize(RdfQuad quad)
    {
        var sb = new StringBuilder(128);
        Write(sb, quad, null);
        return sb.ToString();
    }

    public static string Serialize(IEnumerable<RdfQuad> quads)
    {
        var sb = new StringBuilder();
        foreach (var quad in quads) Write(sb, quad, null);
        return sb.ToString();
    }

    /// <summary>Writes one line; <paramref name="blankLabel"/> replaces each blank node's label when given.</summary>
    internal static void Write(StringBuilder sb, RdfQuad quad, Func<string, string>? blankLabel)
    {
        WriteTerm(sb, quad.Subject, blankLabel);
        sb.Append(' ');
        WriteTerm(sb, quad.Predicate, blankLabel);
        sb.Append(' ');
        WriteTerm(sb, quad.Object, blankLabel);
        if (quad.Graph is not null)
        {
            sb.Append(' ');
            WriteTerm(sb, quad.Graph, blankLabel);
        }
        sb.Append(" .\n");
    }

    /// <summary>The term as written in a line; a blank node as <c>_:label</c>.</summary>
    internal static string TermText(RdfTerm term, StringBuilder scratch)
    {
        if (term is Iri { Value: var iri } && !iri.AsSpan().ContainsAny(IriEscapes)) return string.Concat("<", iri, ">");
        scratch.Clear();
        WriteTerm(scratch, term, null);
        return scratch.ToString();
    }

    private static void WriteTerm(StringBuilder sb, RdfTerm term, Func<string, string>? blankLabel)
    {
        switch (term)
        {
            case Iri iri:
                sb.Append('<');
                EscapeIri(sb, iri.Value);
                sb.Append('>');
                break;
            case BlankNode blank:
                sb.Append("_:").Append(blankLabel is null ? blank.Label : blankLabel(blank.Label));
                break;
            case Literal literal:
                sb.Append('"');
                EscapeLiteral(sb, literal.Value);
                sb.Append('"');
                if (literal.Datatype == RdfLangString)
                {
                    if (!string.IsNullOrEmpty(literal.Language)) sb.Append('@').Append(literal.Language);
                }
                else if (literal.Datatype != XsdString)
                {
                    sb.Append("^^<");
                    EscapeIri(sb, literal.Datatype);
                    sb.Append('>');
                }
                break;
        }
    }

    // Characters written escaped; runs between them are appended whole.
    private static readonly SearchValues<char> LiteralEscapes = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\\u007f");
    private static readonly SearchValues<char> IriEscapes = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(c => (char)c)) + "<>\"{}|^`\\");

    private static void EscapeLiteral(StringBuilder sb, string value)
    {
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(LiteralEscapes); next >= 0; next = rest.IndexOfAny(LiteralEscapes))
        {
            sb.Append(rest[..next]);
            EscapeLiteralChar(sb, rest[next]);
            rest = rest[(next + 1)..];
        }
        sb.Append(rest);
    }

    private static void EscapeLiteralChar(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '\b': sb.Append("\\b"); break;
            case '\t': sb.Append("\\t"); break;
            case '\n': sb.Append("\\n"); break;
            case '\f': sb.Append("\\f"); break;
            case '\r': sb.Append("\\r"); break;
            case '"': sb.Append("\\\""); break;
            case '\\': sb.Append("\\\\"); break;
            default: AppendUchar(sb, c); break;
        }
    }

    private static void EscapeIri(StringBuilder sb, string value)
    {
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(IriEscapes); next >= 0; next = rest.IndexOfAny(IriEscapes))
        {
            sb.Append(rest[..next]);
            AppendUchar(sb, rest[next]);
            rest = rest[(next + 1)..];
        }
        sb.Append(rest);
    }

    private static void AppendUchar(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    public static IReadOnlyList<RdfQuad> Parse(string nquads)
    {
        var quads = new List<RdfQuad>();
        var lineNumber = 0;
        foreach (var rawLine in nquads.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            var reader = new LineReader(line, lineNumber);
            reader.SkipSpace();
            if (reader.AtEnd || reader.Peek == '#') continue;
            var subject = reader.ReadTerm();
            if (subject is Literal) throw reader.Error("a subject cannot be a literal");
            var predicate = reader.ReadTerm() as Iri ?? throw reader.Error("a predicate must be an IRI");
            var obj = reader.ReadTerm();
            RdfTerm? graph = null;
            reader.SkipSpace();
            if (!reader.AtEnd && reader.Peek != '.')
            {
                graph = reader.ReadTerm();
                if (graph is Literal) throw reader.Error("a graph name cannot be a literal");
            }
            reader.Expect('.');
            reader.SkipSpace();
            if (!reader.AtEnd && reader.Peek != '#') throw reader.Error("unexpected text after '.'");
            quads.Add(new RdfQuad(subject, predicate, obj, graph));
        }
        return quads;
    }

    private ref struct LineReader(string line, int number)
    {
        private int _position;

        public readonly bool AtEnd => _position >= line.Length;
        public readonly char Peek => line[_position];

        public readonly FormatException Error(string what) => new($"N-Quads line {number}, column {_position + 1}: {what}.");

        public void SkipSpace()
        {
            while (!AtEnd && (Peek == ' ' || Peek == '\t')) _position++;
        }

        public void Expect(char c)
        {
            SkipSpace();
            if (AtEnd || Peek != c) throw Error($"expected '{c}'");
            _position++;
        }

        public RdfTerm ReadTerm()
        {
            SkipSpace();
            if (AtEnd) throw Error("expected a term");
            switch (Peek)
            {
                case '<':
                    return new Iri(ReadIri());
                case '_':
                    if (_position + 1 >= line.Length || line[_position + 1] != ':') throw Error("expected '_:'");
                    _position += 2;
                    var start = _position;
                    while (!AtEnd && Peek is not (' ' or '\t')) _position++;
                    // A label may not end with '.', which then closes the statement.
                    while (_position > start && line[_position - 1] == '.') _position--;
                    if (_position == start) throw Error("empty blank node label");
                    return new BlankNode(line[start.._position]);
                case '"':
                    var value = ReadString();
                    if (!AtEnd && Peek == '@')
                    {
                        _position++;
                        var languageStart = _position;
                        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '-')) _position++;
                        if (_position == languageStart) throw Error("empty language tag");
                        return new Literal(value, RdfLangString, line[languageStart.._position]);
                    }
                    if (!AtEnd && Peek == '^')
                    {
                        if (_position + 1 >= line.Length || line[_position + 1] != '^') throw Error("expected '^^'");
                        _position += 2;
                        if (AtEnd || Peek != '<') throw Error("expected a datatype IRI");
                        return new Literal(value, ReadIri());
                    }
                    return new Literal(value, XsdString);
                default:
                    throw Error($"unexpected '{Peek}'");
            }
        }

        private string ReadIri()
        {
            _position++; // '<'
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("unterminated IRI");
                var c = line[_position++];
                if (c == '>') return sb.ToString();
                if (c == '\\') ReadUchar(sb);
                else sb.Append(c);
            }
        }

        private string ReadString()
        {
            _position++; // '"'
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("unterminated string");
                var c = line[_position++];
                if (c == '"') return sb.ToString();
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                if (AtEnd) throw Error("unterminated escape");
                switch (Peek)
                {
                    case 't': sb.Append('\t'); _position++; break;
                    case 'b': sb.Append('\b'); _position++; break;
                    case 'n': sb.Append('\n'); _position++; break;
                    case 'r': sb.Append('\r'); _position++; break;
                    case 'f': sb.Append('\f'); _position++; break;
                    case '"': sb.Append('"'); _position++; break;
                    case '\'': sb.Append('\''); _position++; break;
                    case '\\': sb.Append('\\'); _position++; break;
                    default: ReadUchar(sb); break;
                }
            }
        }

        private void ReadUchar(StringBuilder sb)
        {
            if (AtEnd) throw Error("unterminated escape");
            var kind = line[_position++];
            var length = kind == 'u' ? 4 : kind == 'U' ? 8 : throw Error($"unknown escape '\\{kind}'");
            if (_position + length > line.Length ||
                !int.TryParse(line.AsSpan(_position, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
                code < 0 || code > 0x10FFFF)
                throw Error("invalid \\u escape");
            _position += length;
            sb.Append(char.ConvertFromUtf32(code >= 0xD800 && code <= 0xDFFF ? 0xFFFD : code));
        }
    }
}
