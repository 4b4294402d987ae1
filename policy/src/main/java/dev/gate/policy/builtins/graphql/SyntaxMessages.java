package dev.gate.policy.builtins.graphql;

import static dev.gate.policy.builtins.graphql.GqlTokens.BRACE_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACE_R;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACKET_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACKET_R;
import static dev.gate.policy.builtins.graphql.GqlTokens.PAREN_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.PAREN_R;
import static dev.gate.policy.builtins.graphql.GqlTokens.SPREAD;

import dev.gate.policy.builtins.graphql.GraphQlDocuments.GraphQlException;
import graphql.org.antlr.v4.runtime.CommonTokenStream;
import graphql.org.antlr.v4.runtime.InputMismatchException;
import graphql.org.antlr.v4.runtime.NoViableAltException;
import graphql.org.antlr.v4.runtime.ParserRuleContext;
import graphql.org.antlr.v4.runtime.RecognitionException;
import graphql.org.antlr.v4.runtime.RuleContext;
import graphql.org.antlr.v4.runtime.Token;
import graphql.org.antlr.v4.runtime.atn.ATNConfig;
import graphql.org.antlr.v4.runtime.atn.Transition;
import graphql.org.antlr.v4.runtime.misc.IntervalSet;
import graphql.parser.antlr.GraphqlLexer;
import graphql.parser.antlr.GraphqlParser;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where graphql-java's grammar stopped, in the words OPA's recursive descent uses there. OPA chooses with one token,
 * reads another item of a bracketed list until its closing token comes, goes past optional parts and reports the
 * first part it insists on ({@code Expected Name, found <EOF>}); where several parts could start it says
 * {@code Unexpected ...}. ANTLR knows which tokens it could have taken; the tables here say which of those OPA would
 * have named.
 */
final class SyntaxMessages {
    /** Lists OPA reads item by item until the closing token, and what an item must start with ("": one of several kinds). */
    private static final Map<Integer, String> LIST_ITEMS = Map.ofEntries(
            Map.entry(GraphqlParser.RULE_selectionSet, "Name"),
            Map.entry(GraphqlParser.RULE_arguments, "Name"),
            Map.entry(GraphqlParser.RULE_fieldsDefinition, "Name"),
            Map.entry(GraphqlParser.RULE_extensionFieldsDefinition, "Name"),
            Map.entry(GraphqlParser.RULE_argumentsDefinition, "Name"),
            Map.entry(GraphqlParser.RULE_inputObjectValueDefinitions, "Name"),
            Map.entry(GraphqlParser.RULE_extensionInputObjectValueDefinitions, "Name"),
            Map.entry(GraphqlParser.RULE_enumValueDefinitions, "Name"),
            Map.entry(GraphqlParser.RULE_extensionEnumValueDefinitions, "Name"),
            Map.entry(GraphqlParser.RULE_objectValue, "Name"),
            Map.entry(GraphqlParser.RULE_objectValueWithVariable, "Name"),
            Map.entry(GraphqlParser.RULE_variableDefinitions, "$"),
            Map.entry(GraphqlParser.RULE_arrayValue, ""),
            Map.entry(GraphqlParser.RULE_arrayValueWithVariable, ""),
            Map.entry(GraphqlParser.RULE_schemaDefinition, ""),
            Map.entry(GraphqlParser.RULE_schemaExtension, ""));

    /** Tokens OPA may skip before a name (list types, spreads, interfaces, union members and locations, descriptions). */
    private static final Set<String> BEFORE_A_NAME = Set.of("[", "...", "&", "|", "String");

    /**
     * Tokens OPA only looks for (a type's {@code !}, a default value, directives, arguments, ...): where the grammar
     * could take one of them or a part it insists on, OPA reports that part; where it could take only such tokens,
     * what OPA read was complete and the token is unexpected.
     */
    private static final Set<String> OPTIONAL =
            Set.of("!", "=", "@", "(", "&", "|", "\"implements\"", "\"repeatable\"");

    /** Extensions: OPA reads each of their parts as optional, then refuses one that has none. */
    private static final Set<Integer> EXTENSIONS = Set.of(
            GraphqlParser.RULE_typeSystemExtension,
            GraphqlParser.RULE_typeExtension,
            GraphqlParser.RULE_schemaExtension,
            GraphqlParser.RULE_scalarTypeExtensionDefinition,
            GraphqlParser.RULE_objectTypeExtensionDefinition,
            GraphqlParser.RULE_interfaceTypeExtensionDefinition,
            GraphqlParser.RULE_unionTypeExtensionDefinition,
            GraphqlParser.RULE_enumTypeExtensionDefinition,
            GraphqlParser.RULE_inputObjectTypeExtensionDefinition);

    private SyntaxMessages() {}

    /** OPA's error for the token the grammar stopped at, with the tokens read before it. */
    static GraphQlException worded(RecognitionException e, CommonTokenStream stream) {
        Token at = e.getOffendingToken();
        Token before = previous(stream, at);
        if (before != null && closes(before.getType(), at.getType())) {
            return at(at, "expected at least one definition, found " + GqlTokens.kind(at));
        }
        // after "..." OPA reads a spread when a name follows, else an inline fragment, which needs its selection set
        if (before != null && before.getType() == SPREAD && !GqlTokens.isName(at.getType())) {
            return at(at, "Expected {, found " + GqlTokens.kind(at));
        }
        if (EXTENSIONS.contains(readingRule(e.getCtx(), at))) return at(at, "Unexpected " + GqlTokens.described(at));
        IntervalSet expected = expected(e);
        if (e instanceof InputMismatchException
                && e.getCtx() != null
                && LIST_ITEMS.containsKey(e.getCtx().getRuleIndex())
                && expected.size() == 1
                && closes(opener(expected.getMinElement()), expected.getMinElement())) {
            String item = LIST_ITEMS.get(e.getCtx().getRuleIndex());
            return at(
                    at,
                    item.isEmpty()
                            ? "Unexpected " + GqlTokens.described(at)
                            : "Expected " + item + ", found " + GqlTokens.kind(at));
        }
        Set<String> kinds = new LinkedHashSet<>();
        boolean names = expected.contains(GraphqlLexer.NAME);
        for (int type : expected.toArray()) kinds.add(GqlTokens.kind(type, !names));
        if (names) kinds.removeAll(BEFORE_A_NAME);
        if (e instanceof NoViableAltException) kinds.removeAll(OPTIONAL);
        // a name where names are wanted is one OPA reserves there ("on" as a fragment's name)
        if (kinds.size() == 1 && !(kinds.contains("Name") && GqlTokens.isName(at.getType()))) {
            String wanted = kinds.iterator().next();
            return at(
                    at,
                    "Expected " + wanted + ", found "
                            + (wanted.startsWith("\"") ? GqlTokens.described(at) : GqlTokens.kind(at)));
        }
        return at(at, "Unexpected " + GqlTokens.described(at));
    }

    /** The tokens the grammar could take where it stopped: after what a failed prediction had read, when it read on. */
    private static IntervalSet expected(RecognitionException e) {
        if (e instanceof NoViableAltException n && n.getDeadEndConfigs() != null) {
            IntervalSet out = new IntervalSet();
            for (ATNConfig c : n.getDeadEndConfigs()) {
                for (Transition t : c.state.getTransitions()) {
                    if (!t.isEpsilon() && t.label() != null) out.addAll(t.label());
                }
            }
            if (!out.isNil()) return out;
        }
        IntervalSet out = e.getExpectedTokens();
        return out == null ? new IntervalSet() : out;
    }

    /** The innermost rule that had read something when the token came (rules it had just entered read nothing yet). */
    private static int readingRule(RuleContext ctx, Token at) {
        while (ctx instanceof ParserRuleContext p && p.getStart() == at && p.parent != null) ctx = p.parent;
        return ctx == null ? -1 : ctx.getRuleIndex();
    }

    private static boolean closes(int open, int close) {
        return open == BRACE_L && close == BRACE_R
                || open == PAREN_L && close == PAREN_R
                || open == BRACKET_L && close == BRACKET_R;
    }

    private static int opener(int close) {
        return close == BRACE_R ? BRACE_L : close == PAREN_R ? PAREN_L : close == BRACKET_R ? BRACKET_L : 0;
    }

    private static Token previous(CommonTokenStream stream, Token at) {
        for (int i = at.getTokenIndex() - 1; i >= 0; i--) {
            Token t = stream.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) return t;
        }
        return null;
    }

    /** OPA's message with the token's place. */
    static GraphQlException at(Token t, String message) {
        return new GraphQlException(
                message + " in GraphQL string at location " + t.getLine() + ":" + GqlTokens.column(t));
    }
}
