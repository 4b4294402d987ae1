package dev.gate.policy.builtins.graphql;

import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import graphql.language.Document;

/** GraphQL documents to AST objects of OPA's shape and back to text. */
public final class GraphQlAst {
    private GraphQlAst() {}

    /** The AST object of a query document read from {@code text}. */
    public static Value query(Document doc, String text) {
        return new QueryAst(text).of(doc);
    }

    public static Value schema(Document doc, String text) {
        return new SchemaAst(text).of(doc);
    }

    public static String queryText(ObjectValue ast) {
        return AstText.query(ast);
    }

    public static String schemaText(ObjectValue ast) {
        return AstText.schema(ast);
    }
}
