package dev.gate.policy.builtins;

import dev.gate.policy.builtins.graphql.GraphQlAst;
import dev.gate.policy.builtins.graphql.GraphQlDocuments;
import dev.gate.policy.builtins.graphql.GraphQlDocuments.GraphQlException;
import dev.gate.policy.builtins.graphql.GraphQlSchemas;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.function.Function;

/**
 * graphql.parse, parse_and_verify, parse_query, parse_schema, is_valid and schema_is_valid. Documents are read and
 * validated by graphql-java; the ASTs handed to policies have the shape OPA gives them. A query or schema may be
 * given as text or as such an AST object.
 */
final class GraphQl {
    static final BuiltinDeclaration PARSE = BuiltinDeclaration.of(
            "graphql.parse",
            "array",
            "Parses a query and validates it against a schema; returns both ASTs.",
            "string|object",
            "string|object");
    static final BuiltinDeclaration PARSE_AND_VERIFY = BuiltinDeclaration.of(
            "graphql.parse_and_verify",
            "array",
            "Like graphql.parse, with a leading validity flag instead of an error.",
            "string|object",
            "string|object");
    static final BuiltinDeclaration PARSE_QUERY =
            BuiltinDeclaration.of("graphql.parse_query", "object", "Parses a GraphQL query.", "string");
    static final BuiltinDeclaration PARSE_SCHEMA =
            BuiltinDeclaration.of("graphql.parse_schema", "object", "Parses a GraphQL schema.", "string");
    static final BuiltinDeclaration IS_VALID = BuiltinDeclaration.of(
            "graphql.is_valid",
            "boolean",
            "Whether a query is valid against a schema.",
            "string|object",
            "string|object");
    static final BuiltinDeclaration SCHEMA_IS_VALID =
            BuiltinDeclaration.of("graphql.schema_is_valid", "boolean", "Whether a schema is valid.", "string|object");

    private GraphQl() {}

    static void register(BuiltinRegistry r) {
        r.add(
                PARSE_QUERY,
                (ctx, args) -> guarded(PARSE_QUERY.name(), () -> {
                    String text = Operands.string(PARSE_QUERY.name(), args, 1);
                    return GraphQlAst.query(GraphQlDocuments.query(text), text);
                }));
        r.add(
                PARSE_SCHEMA,
                (ctx, args) -> guarded(PARSE_SCHEMA.name(), () -> {
                    String text = Operands.string(PARSE_SCHEMA.name(), args, 1);
                    return GraphQlAst.schema(GraphQlDocuments.schema(text), text);
                }));
        r.add(PARSE, (ctx, args) -> guarded(PARSE.name(), () -> verified(PARSE.name(), args)));
        r.add(PARSE_AND_VERIFY, (ctx, args) -> {
            try {
                List<Value> both = ((ArrayValue) verified(PARSE_AND_VERIFY.name(), args)).elements();
                return ArrayValue.of(List.of(BooleanValue.TRUE, both.get(0), both.get(1)));
            } catch (RuntimeException e) { // any failure to read or validate means "not verified" here
                return ArrayValue.of(List.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY));
            }
        });
        r.add(IS_VALID, (ctx, args) -> Values.bool(succeeds(() -> verified(IS_VALID.name(), args))));
        r.add(
                SCHEMA_IS_VALID,
                (ctx, args) -> Values.bool(succeeds(() -> GraphQlSchemas.build(
                        document(SCHEMA_IS_VALID.name(), args, 1, GraphQlDocuments::schema, GraphQlAst::schemaText)
                                .doc()))));
    }

    /** [query AST, schema AST] once the query validated against the schema. */
    private static Value verified(String name, List<Value> args) {
        Text query = document(name, args, 1, GraphQlDocuments::query, GraphQlAst::queryText);
        Text schemaDoc = document(name, args, 2, GraphQlDocuments::schema, GraphQlAst::schemaText);
        GraphQLSchema schema = GraphQlSchemas.build(schemaDoc.doc());
        GraphQlSchemas.validate(schema, query.doc(), query.text());
        return ArrayValue.of(List.of(
                GraphQlAst.query(query.doc(), query.text()), GraphQlAst.schema(schemaDoc.doc(), schemaDoc.text())));
    }

    /** A document and the text it was read from. */
    private record Text(Document doc, String text) {}

    /** Operand {@code pos}: GraphQL text, or an AST object printed back to text first. */
    private static Text document(
            String name,
            List<Value> args,
            int pos,
            Function<String, Document> parse,
            Function<ObjectValue, String> print) {
        Value v = args.get(pos - 1);
        String text;
        if (v instanceof StringValue s) text = s.value();
        else if (v instanceof ObjectValue o) text = print.apply(o);
        else throw Operands.mustBeOneOf(name, pos, v, "string", "object");
        return new Text(parse.apply(text), text);
    }

    private static Value guarded(String name, java.util.function.Supplier<Value> body) {
        try {
            return body.get();
        } catch (GraphQlException e) {
            throw BuiltinException.builtin(name, e.getMessage());
        }
    }

    private static boolean succeeds(Runnable body) {
        try {
            body.run();
            return true;
        } catch (RuntimeException e) { // any failure to read or validate is a "no"
            return false;
        }
    }
}
