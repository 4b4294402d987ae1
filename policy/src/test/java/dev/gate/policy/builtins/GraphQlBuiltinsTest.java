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
    private static final String SCHEMA =
            "\"type Query { hero(episode: Episode!): Hero }\\ntype Hero { name: String }\\nenum Episode { NEWHOPE EMPIRE }\"";

    @Test
    void queriesBecomeOpasAstWithoutEmptyFields() {
        assertCall(
                "{\"Operations\": [{\"Description\": \"\", \"Name\": \"q\", \"Operation\": \"query\", \"SelectionSet\": [{\"Alias\": \"h\","
                        + " \"Arguments\": [{\"Name\": \"episode\", \"Value\": {\"ExpectedTypeHasDefault\": false, \"Kind\": 7, \"Raw\": \"EMPIRE\"}}],"
                        + " \"Name\": \"hero\", \"SelectionSet\": [{\"Alias\": \"name\", \"Name\": \"name\"}]}]}]}",
                "graphql.parse_query",
                "\"query q { h: hero(episode: EMPIRE) { name } }\"");
    }

    @Test
    void schemasBecomeOpasAstWithKindsAndBlockStrings() {
        assertCall(
                "{\"Definitions\": [{\"BuiltIn\": false, \"Description\": \"A hero\", \"Fields\": [{\"Description\": \"\", \"Name\": \"name\","
                        + " \"Type\": {\"Elem\": {\"NamedType\": \"String\", \"NonNull\": true}, \"NamedType\": \"\", \"NonNull\": false}}],"
                        + " \"Kind\": \"OBJECT\", \"Name\": \"Hero\"}]}",
                "graphql.parse_schema",
                "\"\\\"\\\"\\\"A hero\\\"\\\"\\\" type Hero { name: [String!] }\"");
    }

    @Test
    void queriesAreValidatedAgainstTheSchema() {
        assertCall("true", "graphql.is_valid", "\"{ hero(episode: EMPIRE) { name } }\", " + SCHEMA);
        assertCall("false", "graphql.is_valid", "\"{ hero { name } }\", " + SCHEMA);
        assertCall("false", "graphql.is_valid", "\"{ villain }\", " + SCHEMA);
        ArrayValue verified = (ArrayValue) call("graphql.parse_and_verify", "\"{ hero { name } }\", " + SCHEMA);
        assertEquals(v("[false, {}, {}]"), verified);
        assertBuiltinError(
                "graphql.parse: Field \"hero\" argument \"episode\" of type \"Episode!\" is required, but it was not provided"
                        + " in GraphQL string at location 1:3",
                "graphql.parse",
                "\"{ hero { name } }\", " + SCHEMA);
    }

    @Test
    void schemasAreCheckedLikeOpasParserDoes() {
        assertCall("true", "graphql.schema_is_valid", "\"scalar Time\"");
        assertCall("true", "graphql.schema_is_valid", "\"extend type User { id: ID! }\"");
        assertCall("false", "graphql.schema_is_valid", "\"type A { b: Missing }\"");
        assertCall("false", "graphql.schema_is_valid", "\"type A implements Missing { b: Int }\"");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected Name \"NOWHERE\" in GraphQL string at location 1:17",
                "graphql.parse_schema",
                "\"directive @d on NOWHERE\"");
    }

    @Test
    void parseErrorsAreWordedAsOpasAndNameTheirLocation() {
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2",
                "graphql.parse_query",
                "\"{\"");
        assertBuiltinError(
                "graphql.parse_query: Unexpected Name \"notanoperation\" in GraphQL string at location 1:1",
                "graphql.parse_query",
                "\"notanoperation Foo { field }\"");
        assertBuiltinError(
                "graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:13",
                "graphql.parse_schema",
                "\"type Hello {}\"");
        assertBuiltinError(
                "graphql.parse_query: Unexpected Name \"type\" in GraphQL string at location 1:1",
                "graphql.parse_query",
                "\"type A { b: Int }\"");
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

    /** Each expectation below is what OPA 1.22.4 answers for the same call. */
    @Test
    void syntaxErrorsNameWhatOpasParserInsistsOn() {
        assertBuiltinError(
                "graphql.parse_query: Expected {, found } in GraphQL string at location 1:16",
                "graphql.parse_query",
                "\"{__typename{...}}\"");
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found Int in GraphQL string at location 1:5",
                "graphql.parse_query",
                "\"{ a 1 }\"");
        assertBuiltinError(
                "graphql.parse_query: Expected $, found Name in GraphQL string at location 1:9",
                "graphql.parse_query",
                "\"query Q(a: Int) { a }\"");
        assertBuiltinError(
                "graphql.parse_query: Expected ], found ) in GraphQL string at location 1:17",
                "graphql.parse_query",
                "\"query Q($a: [Int) { a }\"");
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found } in GraphQL string at location 1:9",
                "graphql.parse_query",
                "\"{ ...on }\"");
        assertBuiltinError(
                "graphql.parse_query: Expected \"on\", found Name \"T\" in GraphQL string at location 1:12",
                "graphql.parse_query",
                "\"fragment F T { a }\"");
        assertBuiltinError(
                "graphql.parse_schema: Expected :, found ( in GraphQL string at location 1:16",
                "graphql.parse_schema",
                "\"input I { world(foo: Int): String }\"");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected <EOF> in GraphQL string at location 1:16",
                "graphql.parse_schema",
                "\"extend scalar S\"");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected String \"d\" in GraphQL string at location 1:2",
                "graphql.parse_schema",
                "\"\\\"d\\\" extend type T { a: Int }\"");
        assertBuiltinError(
                "graphql.parse_schema: Expected :, found Int in GraphQL string at location 1:28",
                "graphql.parse_schema",
                "\"schema { query: Q mutation 1 }\"");
    }

    @Test
    void textTheLexerCannotReadIsInvalidWhereOpasLexerStops() {
        assertBuiltinError(
                "graphql.parse_query: Expected Name, found <Invalid> in GraphQL string at location 1:5",
                "graphql.parse_query",
                "\"{ a ? }\"");
        assertBuiltinError(
                "graphql.parse_query: Unexpected <Invalid> in GraphQL string at location 1:10",
                "graphql.parse_query",
                "\"{ a(x: 1.) }\"");
        assertBuiltinError(
                "graphql.parse_schema: Unexpected <Invalid> in GraphQL string at location 2:1",
                "graphql.parse_schema",
                "\"\\\"\\\"\\\"\\r\"");
    }

    @Test
    void schemaValuesAreConstantsAndCommentsAloneAreEmptyDocuments() {
        assertBuiltinError(
                "graphql.parse_schema: Unexpected $ in GraphQL string at location 1:23",
                "graphql.parse_schema",
                "\"type T { a: Int @d(x: $v) }\"");
        assertCall("{}", "graphql.parse_query", "\"# nothing but a comment\"");
    }

    @Test
    void fragmentsMayDeclareVariables() {
        assertCall(
                "{\"Fragments\": [{\"Description\": \"\", \"Name\": \"a\", \"SelectionSet\": [{\"Alias\": \"f\", \"Name\": \"f\"}],"
                        + " \"TypeCondition\": \"t\", \"VariableDefinition\": [{\"Description\": \"\", \"DefaultValue\": {\"ExpectedTypeHasDefault\": false,"
                        + " \"Kind\": 5, \"Raw\": \"false\"}, \"Type\": {\"NamedType\": \"Boolean\", \"NonNull\": false}, \"Used\": false, \"Variable\": \"v\"}]}]}",
                "graphql.parse_query",
                "\"fragment a($v: Boolean = false) on t { f }\"");
        assertBuiltinError(
                "graphql.parse_query: Expected $, found Name in GraphQL string at location 1:12",
                "graphql.parse_query",
                "\"fragment a(v: Boolean) on t { f }\"");
        Value ast = call(
                "graphql.parse_query",
                v("\"{ hero(episode: EMPIRE) { ...a } } fragment a($v: Int) on Hero { name }\""));
        assertEquals(ast, ((ArrayValue) call("graphql.parse", ast, call("graphql.parse_schema", v(SCHEMA)))).get(0));
    }

    @Test
    void operationsAndFragmentsMayHaveDescriptions() {
        assertCall(
                "{\"Fragments\": [{\"Description\": \"f\", \"Name\": \"F\", \"SelectionSet\": [{\"Alias\": \"b\", \"Name\": \"b\"}],"
                        + " \"TypeCondition\": \"T\"}], \"Operations\": [{\"Description\": \"block\\n  desc\", \"Name\": \"Q\", \"Operation\": \"query\","
                        + " \"SelectionSet\": [{\"Alias\": \"a\", \"Name\": \"a\"}]}]}",
                "graphql.parse_query",
                "\"\\\"\\\"\\\"block\\n  desc\\\"\\\"\\\" query Q { a } \\\"f\\\" fragment F on T { b }\"");
        assertBuiltinError(
                "graphql.parse_query: Unexpected String \"d\" in GraphQL string at location 1:2",
                "graphql.parse_query",
                "\"\\\"d\\\" { a }\"");
    }

    @Test
    void validationErrorsAreWordedAsOpasValidatorWordsThem() {
        assertBuiltinError(
                "graphql.parse: Variable \"$a\" is never used in operation \"Q\" in GraphQL string at location 1:9",
                "graphql.parse",
                "\"query Q($a: Int) { hero(episode: EMPIRE) { name } }\", " + SCHEMA);
        assertBuiltinError(
                "graphql.parse: Field \"hero\" of type \"Hero\" must have a selection of subfields. Did you mean \"hero { ... }\"?\n"
                        + " in GraphQL string at location 1:3",
                "graphql.parse",
                "\"{ hero(episode: EMPIRE) }\", " + SCHEMA);
    }
}
