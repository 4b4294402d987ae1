package dev.gate.policy.format;

import dev.gate.policy.ast.AstWalk;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.StringValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The package line and the imports under it, as {@code opa fmt} writes them: imports in their groups (split where a
 * blank line was), each sorted, with the directive imports ({@code rego.v1}, {@code future.keywords}) the target
 * version asks for. The imports' comments stay with them.
 */
final class PackageAndImports {
    private static final List<String> REGO_V1 = List.of("rego", "v1");
    private static final List<String> REGO_V2 = List.of("rego", "v2");
    /** Ends an import's sort key; its source line follows ({@code Integer.MAX_VALUE} for one the source lacks). */
    private static final char KEY_END = '\u0000';

    private final Source source;
    private final Module module;
    private final Dialect dialect;
    private final SourceComments comments;

    PackageAndImports(Source source, Module module, Dialect dialect, SourceComments comments) {
        this.source = source;
        this.module = module;
        this.dialect = dialect;
        this.comments = comments;
    }

    /** {@code package a.b}, without the comments above it and without a line break. */
    String packageLine() {
        return "package " + path(module.packagePath());
    }

    /**
     * Each group after a blank line. Rewriting v0 as v1 adds rego.v1 and drops future.keywords; a module that is v1
     * already keeps them, as opa fmt does (and, or and not with a body need theirs).
     */
    String imports() {
        List<List<String>> groups = new ArrayList<>();
        int previous = -1;
        List<Integer> importLines = importLines();
        boolean hasV1 = module.imports().stream().anyMatch(i -> i.path().equals(REGO_V1));
        boolean hasV2 = module.imports().stream().anyMatch(i -> i.path().equals(REGO_V2));
        boolean staysV0 = dialect.staysV0();
        boolean regoV1 = dialect.regoV1();
        // A v1 module importing rego.v2 needs no other directive import, nor one importing rego.v1 a future keyword
        // that v1 has: opa fmt drops them, and imports again the future keywords the module uses (and, or, not).
        boolean keepsFuture = !regoV1 && (staysV0 || !hasV1 && !hasV2);
        List<String> regoV1Group = null;
        for (int k = 0; k < module.imports().size(); k++) {
            Module.Import i = module.imports().get(k);
            int line = importLines.get(k);
            boolean dropped = i.path().get(0).equals("future") && !keepsFuture
                    || !staysV0 && !regoV1 && hasV2 && i.path().equals(REGO_V1);
            if (dropped) {
                previous = line;
                continue;
            }
            if (groups.isEmpty() || comments.blankBetween(previous, line)) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(importText(i) + KEY_END + line);
            if (i.path().equals(REGO_V1)) regoV1Group = groups.get(groups.size() - 1);
            previous = line;
        }
        if (!staysV0 && !regoV1 && hasV1 && !hasV2) {
            for (String keyword : logicalKeywordsUsed(module))
                regoV1Group.add("future.keywords." + keyword + KEY_END + Integer.MAX_VALUE);
        }
        if (regoV1 && !hasV1 && !hasV2) {
            if (groups.isEmpty()) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add("rego.v1" + KEY_END + Integer.MAX_VALUE);
        }
        StringBuilder out = new StringBuilder();
        for (List<String> group : groups) {
            out.append('\n');
            group.sort(Comparator.comparing(s -> s.substring(0, s.indexOf(KEY_END))));
            for (String entry : group) {
                int line = Integer.parseInt(entry.substring(entry.indexOf(KEY_END) + 1));
                if (line != Integer.MAX_VALUE) out.append(comments.above(line, 0));
                out.append("import ").append(entry, 0, entry.indexOf(KEY_END));
                if (line != Integer.MAX_VALUE) out.append(comments.trailing(line));
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The line each import starts on: the next {@code import} that starts a line. */
    private List<Integer> importLines() {
        String text = source.text();
        int from = 0;
        List<Integer> lines = new ArrayList<>();
        for (int k = 0; k < module.imports().size(); k++) {
            int at = text.indexOf("import", from);
            while (at > 0 && text.charAt(at - 1) != '\n') at = text.indexOf("import", at + 1);
            from = at + 1;
            lines.add(comments.lineOf(at));
        }
        return lines;
    }

    /** The keywords of {@code and}, {@code or} and {@code not { ... }} that the module's rules use, in order. */
    private static Set<String> logicalKeywordsUsed(Module m) {
        Set<String> used = new TreeSet<>();
        AstWalk.Visitor v = l -> {
            if (l.expr() instanceof Expr.Logical g)
                used.add(g.operands().size() == 1 ? "not" : g.op() == Expr.Logical.Op.OR ? "or" : "and");
        };
        for (Rule r : m.rules()) {
            for (Rule x = r; x != null; x = x.elseRule()) {
                AstWalk.terms(v, x.head().toArray(Term[]::new));
                if (x.args() != null) AstWalk.terms(v, x.args().toArray(Term[]::new));
                AstWalk.terms(v, x.value());
                AstWalk.body(x.body(), v);
            }
        }
        return used;
    }

    private static String importText(Module.Import i) {
        String text = path(i.path());
        String last = i.path().get(i.path().size() - 1);
        return i.alias().equals(last) ? text : text + " as " + i.alias();
    }

    /** A package or import path: names after dots, any other part as a string in brackets. */
    private static String path(List<String> parts) {
        StringBuilder sb = new StringBuilder(parts.get(0));
        for (String part : parts.subList(1, parts.size())) {
            if (TermText.isName(part)) sb.append('.').append(part);
            else sb.append('[').append(StringValue.of(part).toJson()).append(']');
        }
        return sb.toString();
    }
}
