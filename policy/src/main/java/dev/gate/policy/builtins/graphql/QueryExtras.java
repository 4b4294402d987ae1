package dev.gate.policy.builtins.graphql;

import static dev.gate.policy.builtins.graphql.GqlTokens.BRACE_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACE_R;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACKET_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.BRACKET_R;
import static dev.gate.policy.builtins.graphql.GqlTokens.PAREN_L;
import static dev.gate.policy.builtins.graphql.GqlTokens.PAREN_R;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.org.antlr.v4.runtime.Token;
import graphql.parser.antlr.GraphqlLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What OPA's parser reads in query documents and graphql-java's grammar does not: variables declared on a fragment
 * ({@code fragment f($v: Int = 1) on T}) and descriptions before operations and fragments. Both are blanked out of the
 * text before graphql-java reads it (every location stays where it was); a fragment's variables are then read on
 * their own, as the variables of an operation standing where the fragment does.
 */
final class QueryExtras {
    private static final Set<Integer> DESCRIBED =
            Set.of(GraphqlLexer.QUERY, GraphqlLexer.MUTATION, GraphqlLexer.SUBSCRIPTION, GraphqlLexer.FRAGMENT);

    /** One fragment's variable definitions, in code points: where its keyword is and its parentheses. */
    private record Variables(String fragment, int keyword, int open, int close) {}

    private final int[] text;
    private final List<Variables> variables = new ArrayList<>();
    private final List<int[]> blanks = new ArrayList<>();
    private final Map<String, String> descriptions = new HashMap<>();

    QueryExtras(String text) {
        this.text = text.codePoints().toArray();
        List<Token> tokens = GqlTokens.of(text);
        if (tokens != null) find(tokens); // text the lexer cannot read fails before any of this matters
    }

    boolean any() {
        return !blanks.isEmpty();
    }

    /** The text without the extras, blanks in their place. */
    String blanked() {
        int[] out = text.clone();
        for (int[] b : blanks) blank(out, b[0], b[1]);
        return new String(out, 0, out.length);
    }

    /** The description written before the operation or fragment at {@code at}, or "". */
    String description(SourceLocation at) {
        return at == null ? "" : descriptions.getOrDefault(at.getLine() + ":" + at.getColumn(), "");
    }

    /** Each fragment's variable definitions, read by {@code read} as an operation's; by fragment name. */
    Map<String, List<VariableDefinition>> variables(Function<String, Document> read) {
        Map<String, List<VariableDefinition>> out = new LinkedHashMap<>();
        for (Variables v : variables) {
            int[] alone = text.clone();
            blank(alone, 0, v.open());
            blank(alone, v.close() + 1, alone.length);
            int[] query = "query".codePoints().toArray(); // fits where "fragment" stood
            System.arraycopy(query, 0, alone, v.keyword(), query.length);
            String operation = new String(alone, 0, alone.length) + " {x}";
            OperationDefinition op = read.apply(operation)
                    .getDefinitionsOfType(OperationDefinition.class)
                    .get(0);
            out.putIfAbsent(v.fragment(), op.getVariableDefinitions());
        }
        return out;
    }

    private static void blank(int[] text, int from, int to) {
        for (int i = from; i < to; i++) if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
    }

    /** Outside any braces: a string before a definition's keyword, {@code fragment <name> (} to its closing parenthesis. */
    private void find(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int type = t.getType();
            if (depth == 0
                    && type == GraphqlLexer.StringValue
                    && i + 1 < tokens.size()
                    && DESCRIBED.contains(tokens.get(i + 1).getType())) {
                Token next = tokens.get(i + 1);
                descriptions.put(next.getLine() + ":" + (next.getCharPositionInLine() + 1), GqlTokens.value(t));
                blanks.add(new int[] {t.getStartIndex(), t.getStopIndex() + 1});
                continue;
            }
            if (depth == 0
                    && type == GraphqlLexer.FRAGMENT
                    && i + 2 < tokens.size()
                    && GqlTokens.isName(tokens.get(i + 1).getType())
                    && tokens.get(i + 2).getType() == PAREN_L) {
                int close = closing(tokens, i + 2);
                if (close < 0) return;
                variables.add(new Variables(
                        tokens.get(i + 1).getText(),
                        t.getStartIndex(),
                        tokens.get(i + 2).getStartIndex(),
                        tokens.get(close).getStopIndex()));
                blanks.add(new int[] {
                    tokens.get(i + 2).getStartIndex(), tokens.get(close).getStopIndex() + 1
                });
                i = close;
                continue;
            }
            if (type == BRACE_L || type == PAREN_L || type == BRACKET_L) depth++;
            else if (type == BRACE_R || type == PAREN_R || type == BRACKET_R) depth--;
        }
    }

    /** The index of the token closing the parenthesis at {@code open}, or -1. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (type == BRACE_L || type == PAREN_L || type == BRACKET_L) depth++;
            else if ((type == BRACE_R || type == PAREN_R || type == BRACKET_R) && --depth == 0)
                return type == PAREN_R ? i : -1;
        }
        return -1;
    }
}
