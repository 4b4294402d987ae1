package dev.gate.policy.builtins.graphql;

import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectiveLocation;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GraphQL text read with graphql-java: query documents hold only operations and fragments, schema documents only
 * type system definitions, as OPA's parser reads them. Errors are worded as OPA frames them:
 * {@code <what> in GraphQL string at location <line>:<column>}.
 */
public final class GraphQlDocuments {
    /** Bounds for hostile input (graphql-java counts tokens and nesting as it reads). */
    private static final ParserOptions OPTIONS = ParserOptions.newParserOptions()
            .maxTokens(100_000)
            .maxRuleDepth(500)
            .build();

    private static final Set<String> LOCATIONS = Set.of(
            "QUERY",
            "MUTATION",
            "SUBSCRIPTION",
            "FIELD",
            "FRAGMENT_DEFINITION",
            "FRAGMENT_SPREAD",
            "INLINE_FRAGMENT",
            "VARIABLE_DEFINITION",
            "SCHEMA",
            "SCALAR",
            "OBJECT",
            "FIELD_DEFINITION",
            "ARGUMENT_DEFINITION",
            "INTERFACE",
            "UNION",
            "ENUM",
            "ENUM_VALUE",
            "INPUT_OBJECT",
            "INPUT_FIELD_DEFINITION");

    private GraphQlDocuments() {}

    /** Thrown with OPA's wording of a GraphQL error; the builtin adds its own name in front. */
    public static final class GraphQlException extends RuntimeException {
        GraphQlException(String message) {
            super(message, null, false, false);
        }
    }

    public static Document query(String text) {
        // OPA's parser reads a query of blanks and comments as a document without operations, which validates.
        if (nothingIn(text)) return Document.newDocument().build();
        QueryExtras extras = new QueryExtras(text);
        Document doc = parse(extras.any() ? extras.blanked() : text, false);
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof OperationDefinition || d instanceof FragmentDefinition))
                throw unexpected(text, false, d);
        }
        extras.variables(t -> parse(t, false));
        return doc;
    }

    /** The variables declared on the query's fragments, by fragment name (see {@link QueryExtras}). */
    static Map<String, List<VariableDefinition>> fragmentVariables(QueryExtras extras) {
        return extras.variables(t -> parse(t, false));
    }

    public static Document schema(String text) {
        if (nothingIn(text)) return Document.newDocument().build();
        Document doc = parse(text, true);
        SourceLocation empty = EmptyLists.inTypeDefinitions(text);
        if (empty != null) throw new GraphQlException(EmptyLists.MESSAGE + located(empty));
        SourceLocation variable = firstVariable(doc);
        if (variable != null) throw new GraphQlException("Unexpected $" + located(variable));
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition || d instanceof FragmentDefinition) throw unexpected(text, true, d);
            if (d instanceof DirectiveDefinition dd) knownLocations(dd);
        }
        return doc;
    }

    /** OPA's parser reads a schema's values as constants: a variable is where it stops. */
    private static SourceLocation firstVariable(Node<?> node) {
        if (node instanceof VariableReference v) return v.getSourceLocation();
        SourceLocation first = null;
        for (Node<?> child : node.getChildren()) {
            SourceLocation at = firstVariable(child);
            if (at != null
                    && (first == null
                            || at.getLine() < first.getLine()
                            || at.getLine() == first.getLine() && at.getColumn() < first.getColumn())) {
                first = at;
            }
        }
        return first;
    }

    private static boolean nothingIn(String text) {
        List<?> tokens = GqlTokens.of(text);
        return tokens != null && tokens.isEmpty();
    }

    /** OPA's parser refuses a directive location the specification does not name; graphql-java reads any name. */
    private static void knownLocations(DirectiveDefinition d) {
        for (DirectiveLocation loc : d.getDirectiveLocations()) {
            if (!LOCATIONS.contains(loc.getName())) {
                throw new GraphQlException(
                        "Unexpected Name \"" + loc.getName() + "\"" + located(loc.getSourceLocation()));
            }
        }
    }

    private static Document parse(String text, boolean schema) {
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(text)
                    .parserOptions(OPTIONS)
                    .build());
        } catch (InvalidSyntaxException e) {
            GraphQlException opas = SyntaxErrors.find(text, schema);
            if (opas != null) throw opas;
            String message = e.getMessage();
            int at = message.lastIndexOf(" at line ");
            SourceLocation loc = e.getLocation();
            if (at < 0 || loc == null) throw new GraphQlException("GraphQL parse error: " + message);
            throw new GraphQlException(message.substring(0, at) + located(loc));
        }
    }

    /** A definition of the other kind of document: OPA stops where its reading of that kind of document stops. */
    private static GraphQlException unexpected(String text, boolean schema, Definition<?> d) {
        GraphQlException opas = SyntaxErrors.find(text, schema);
        if (opas != null) return opas;
        String name = d instanceof NamedNode<?> n && n.getName() != null ? " \"" + n.getName() + "\"" : "";
        return new GraphQlException(
                "Unexpected " + d.getClass().getSimpleName() + name + located(d.getSourceLocation()));
    }

    public static String located(SourceLocation loc) {
        return loc == null ? "" : " in GraphQL string at location " + loc.getLine() + ":" + loc.getColumn();
    }
}
