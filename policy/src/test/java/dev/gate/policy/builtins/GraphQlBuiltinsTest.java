package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.Value;
import org.junit.jupiter.api.Test;

/** The graphql.* builtins: graphql-java reads and validates, policies see ASTs of OPA's shape. */
class GraphQlBuiltinsTest {
    private static final String SCHEMA = "\"type Query { hero(episode: Episode!): Hero }\\ntype Hero { name: String }\\nenum Episode { NEWHOPE EMPIRE }\"";

    @Test
    void queriesBecomeOpasAstWithoutEmptyFields() {
        assertCall("{\"Operations\": [{\"Description\": \"\", \"Name\": \"q\", \"Operation\": \"query\", \"SelectionSet\": [{\"Alias\": \"h\","
                + " \"Arguments\": [{\"Name\": \"episode\", \"Value\": {\"ExpectedTypeHasDefault\": false, \"Kind\": 7, \"Raw\": \"EMPIRE\"}}],"
                + " \"Name\": \"hero\", \"SelectionSet\": [{\"Alias\": \"name\", \"Name\": \"name\"}]}]}]}",
                "graphql.parse_query", "\"query q { h: hero(episode: EMPIRE) { name } }\"");
    }

    @Test
    void schemasBecomeOpasAstWithKindsAndBlockStrings() {
        assertCall("{\"Definitions\": [{\"BuiltIn\": false, \"Description\": \"A hero\", \"Fields\": [{\"Description\": \"\", \"Name\": \"name\","
                + " \"Type\": {\"Elem\": {\"NamedType\": \"String\", \"NonNull\": true}, \"NamedType\": \"\", \"NonNull\": false}}],"
                + " \"Kind\": \"OBJECT\", \"Name\": \"Hero\"}]}",
                "graphql.parse_schema", "\"\\\"\\\"\\\"A hero\\\"\\\"\\\" type Hero { name: [String!] }\"");
    }

    @Test
    void queriesAreValidatedAgainstTheSchema() {
        assertCall("true", "graphql.is_valid", "\"{ hero(episode: EMPIRE) { name } }\", " + SCHEMA);
        assertCall("false", "graphql.is_valid", "\"{ hero { name } }\", " + SCHEMA);
        assertCall("false", "graphql.is_valid", "\"{ villain }\", " + SCHEMA);
        ArrayValue verified = (ArrayValue) call("graphql.parse_and_verify", "\"{ hero { name } }\", " + SCHEMA);
        assertEquals(v("[false, {}, {}]"), verified);
        assertBuiltinError("graphql.parse: Validation error (MissingFieldArgument@[hero]) : Missing field argument 'episode' in GraphQL string"
                + " at location 1:3", "graphql.parse", "\"{ hero { name } }\", " + SCHEMA);
    }

    @Test
    void schemasAreCheckedLikeOpasParserDoes() {
        assertCall("true", "graphql.schema_is_valid", "\"scalar Time\"");
        assertCall("true", "graphql.schema_is_valid", "\"extend type User { id: ID! }\"");
        assertCall("false", "graphql.schema_is_valid", "\"type A { b: Missing }\"");
        assertCall("false", "graphql.schema_is_valid", "\"type A implements Missing { b: Int }\"");
        assertBuiltinError("graphql.parse_schema: Unexpected Name \"NOWHERE\" in GraphQL string at location 1:17",
                "graphql.parse_schema", "\"directive @d on NOWHERE\"");
    }

    @Test
    void parseErrorsAreWordedAsOpasAndNameTheirLocation() {
        assertBuiltinError("graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2",
                "graphql.parse_query", "\"{\"");
        assertBuiltinError("graphql.parse_query: Unexpected Name \"notanoperation\" in GraphQL string at location 1:1",
                "graphql.parse_query", "\"notanoperation Foo { field }\"");
        assertBuiltinError("graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:13",
                "graphql.parse_schema", "\"type Hello {}\"");
        assertBuiltinError("graphql.parse_query: Unexpected ObjectTypeDefinition \"A\" in GraphQL string at location 1:1",
                "graphql.parse_query", "\"type A { b: Int }\"");
    }

    @Test
    void astObjectsAreAcceptedWhereTextIs() {
        Value schemaAst = call("graphql.parse_schema", SCHEMA.replace("\\n", " "));
        Value queryAst = call("graphql.parse_query", v("\"{ hero(episode: NEWHOPE) { name } }\""));
        assertEquals(BooleanValue.TRUE, call("graphql.is_valid", queryAst, schemaAst));
        ArrayValue both = (ArrayValue) call("graphql.parse", queryAst, schemaAst);
        assertEquals(queryAst, both.get(0));
        assertEquals(schemaAst, both.get(1));
    }
}
