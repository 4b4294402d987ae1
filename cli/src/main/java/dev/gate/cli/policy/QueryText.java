package dev.gate.cli.policy;

import dev.gate.policy.ast.Literal;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.Source;
import java.util.ArrayList;
import java.util.List;

/** The source text of each expression of a query, for {@code expressions[].text} in JSON results. */
final class QueryText {
    private QueryText() {}

    static List<String> expressions(String query) {
        List<Literal> body = Parser.parseQuery(new Source("query", query));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            int start = body.get(i).span().start();
            int end = i + 1 < body.size() ? body.get(i + 1).span().start() : query.length();
            String text = query.substring(start, end).strip();
            if (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
            out.add(text);
        }
        return out;
    }
}
