package dev.gate.policy.builtins.graphql;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.org.antlr.v4.runtime.Token;
import graphql.parser.antlr.GraphqlLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Variables declared on a fragment ({@code fragment f($v: Int = 1) on T}), which OPA's parser reads and graphql-java's
 * grammar does not. Their parentheses are blanked out of the text before graphql-java reads it (every location stays
 * where it was), and each list is read on its own as the variables of an operation standing where the fragment does.
 */
final class FragmentVariables {
    private static final int BRACE_L = 1, BRACE_R = 2, PAREN_L = 5, PAREN_R = 6, BRACKET_L = 10, BRACKET_R = 11;

    /** Where one fragment's variable definitions are, in code points: the keyword and the parentheses. */
    private record Span(String fragment, int keyword, int open, int close) {}

    private final int[] text;
    private final List<Span> spans;

    FragmentVariables(String text) {
        this.text = text.codePoints().toArray();
        this.spans = spans(text);
    }

    boolean any() { return !spans.isEmpty(); }

    /** The text without the fragments' variable definitions, blanks in their place. */
    String blanked() {
        int[] out = text.clone();
        for (Span s : spans) blank(out, s.open(), s.close() + 1);
        return new String(out, 0, out.length);
    }

    /** Each fragment's variable definitions, read by {@code read} as an operation's; by fragment name. */
    Map<String, List<VariableDefinition>> read(Function<String, graphql.language.Document> read) {
        Map<String, List<VariableDefinition>> out = new LinkedHashMap<>();
        for (Span s : spans) {
            int[] alone = text.clone();
            blank(alone, 0, s.open());
            blank(alone, s.close() + 1, alone.length);
            int[] query = "query".codePoints().toArray(); // fits where "fragment" stood
            System.arraycopy(query, 0, alone, s.keyword(), query.length);
            String operation = new String(alone, 0, alone.length) + " {x}";
            OperationDefinition op = read.apply(operation).getDefinitionsOfType(OperationDefinition.class).get(0);
            out.putIfAbsent(s.fragment(), op.getVariableDefinitions());
        }
        return out;
    }

    private static void blank(int[] text, int from, int to) {
        for (int i = from; i < to; i++) if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
    }

    /** {@code fragment <name> (} outside any braces, to its closing parenthesis. */
    private static List<Span> spans(String text) {
        List<Token> tokens = GqlTokens.of(text);
        List<Span> out = new ArrayList<>();
        if (tokens == null) return out; // the text fails before any fragment matters
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (depth == 0 && type == GraphqlLexer.FRAGMENT && i + 2 < tokens.size() && GqlTokens.isName(tokens.get(i + 1).getType())
                    && tokens.get(i + 2).getType() == PAREN_L) {
                int close = closing(tokens, i + 2);
                if (close < 0) break;
                out.add(new Span(tokens.get(i + 1).getText(), tokens.get(i).getStartIndex(), tokens.get(i + 2).getStartIndex(),
                        tokens.get(close).getStopIndex()));
                i = close;
                continue;
            }
            if (type == BRACE_L || type == PAREN_L || type == BRACKET_L) depth++;
            else if (type == BRACE_R || type == PAREN_R || type == BRACKET_R) depth--;
        }
        return out;
    }

    /** The index of the token closing the parenthesis at {@code open}, or -1. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (type == BRACE_L || type == PAREN_L || type == BRACKET_L) depth++;
            else if ((type == BRACE_R || type == PAREN_R || type == BRACKET_R) && --depth == 0) return type == PAREN_R ? i : -1;
        }
        return -1;
    }
}
