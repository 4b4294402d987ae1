package dev.gate.policy.format;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.coverage.AstWalk;
import dev.gate.policy.syntax.Comment;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.StringValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A module written as {@code opa fmt} writes it: package, imports (sorted within their groups; future.keywords
 * dropped when a v0 module is rewritten as v1), then rules, a blank line between two unless both are one-liners on consecutive lines; rule
 * bodies after {@code if}, inline when they were one literal on the head's line; comments kept where they were.
 * With {@code regoV1} a v0 module is rewritten as v1 ({@code opa fmt --rego-v1}): {@code if}, {@code contains},
 * {@code :=} for {@code =} in heads, and {@code import rego.v1}. Without it a v0 module stays v0, written as
 * {@code opa fmt --v0-compatible} writes it: every body in braces on lines of its own, {@code p[x]} for sets, every
 * rule set apart by a blank line.
 */
public final class RegoFormatter {
    private static final List<String> REGO_V1 = List.of("rego", "v1");
    private static final List<String> REGO_V2 = List.of("rego", "v2");

    private final Source source;
    private final Module module;
    private final boolean regoV1;
    /** The module is v0 and is written as v0 (no {@code --rego-v1}). */
    private final boolean staysV0;
    /** The module was written in v1 (not v0, whether or not it is rewritten). */
    private final boolean v1Source;
    /** The module is v0 and stays v0: bodies without {@code if} unless it imports the keyword. */
    private final boolean v0;
    /** A v0 module that stays v0 and does not import {@code contains}: sets are written {@code p[x]}. */
    private final boolean v0Sets;
    /**
     * Some rule needs a reference head ({@code a.b.c}, or {@code a.b contains x}); otherwise two-part heads are written
     * {@code a["b"]}, as opa fmt writes them (in v1 too, and when a v0 module is rewritten as v1).
     */
    private final boolean refHeads;

    private final TermText terms;
    private final SourceComments sourceComments;
    private final List<Comment> comments;
    private final String[] lines;
    private final StringBuilder out = new StringBuilder();
    private int nextComment;
    /** The line of the last comment written on a line of its own. */
    private int lastCommentLine;

    private RegoFormatter(Source source, Module module, boolean regoV1) {
        this.source = source;
        this.module = module;
        this.regoV1 = regoV1;
        this.staysV0 = !regoV1 && module.regoVersion() == RegoVersion.V0;
        this.v0 = staysV0 && !importsKeyword(module, "if");
        this.v0Sets = staysV0 && !importsKeyword(module, "contains");
        this.v1Source = module.regoVersion() != RegoVersion.V0;
        this.refHeads = module.rules().stream()
                .anyMatch(r -> r.head().size() > 2
                        || r.kind() == Rule.Kind.SET && r.head().size() > 1);
        this.sourceComments = new SourceComments(source);
        this.terms = new TermText(source, sourceComments, keywords(module, staysV0));
        this.comments = sourceComments.all();
        this.lines = sourceComments.lines();
    }

    /**
     * The formatted text. A v1 module is formatted as v1; a v0 one (read with {@code version} v0) stays v0, or is
     * rewritten as v1 with {@code regoV1}.
     */
    public static String format(Source source, RegoVersion version, boolean regoV1) {
        Module m = Parser.parseModule(source, version);
        return new RegoFormatter(source, m, regoV1).module();
    }

    private String module() {
        int packageLine = 1;
        while (packageLine < lines.length && !lines[packageLine - 1].strip().startsWith("package")) packageLine++;
        comments(packageLine, 0);
        out.append("package ").append(packageText()).append('\n');
        imports();
        List<Rule> rules = module.rules();
        Rule previous = null;
        for (Rule r : rules) {
            int start = r.span().line();
            // As OPA: one-liners written on consecutive lines stay together; anything else is set apart.
            if (previous == null
                    || v0
                    || !(oneLiner(previous)
                            && oneLiner(r)
                            && start == previous.span().line() + 1)) out.append('\n');
            String above = captured(() -> comments(start, 0));
            out.append(above);
            // A blank line between the comments above a rule and the rule itself stays, as opa fmt keeps it.
            if (!above.isEmpty() && blankBetween(lastCommentLine, start)) out.append('\n');
            String text = rule(r);
            // A comment after the head's line stays on that line, whatever follows it.
            int firstBreak = text.indexOf('\n');
            String trailing = trailingText(start);
            out.append(
                            firstBreak < 0
                                    ? text + trailing
                                    : text.substring(0, firstBreak) + trailing + text.substring(firstBreak))
                    .append('\n');
            previous = r;
        }
        int previousLine = previous == null ? -1 : previous.span().line();
        int last = previous == null ? packageLine : previousLine;
        while (nextComment < comments.size() && sourceComments.isWritten(comments.get(nextComment))) nextComment++;
        if (nextComment < comments.size()
                && blankBetween(last, comments.get(nextComment).span().line())) out.append('\n');
        comments(Integer.MAX_VALUE, 0);
        return out.toString();
    }

    /** The keywords opa fmt keeps in brackets when a reference names them so: the dialect's and those imported. */
    private static Set<String> keywords(Module m, boolean v0) {
        Set<String> keywords = new HashSet<>(
                List.of("not", "package", "import", "as", "default", "else", "with", "null", "true", "false", "some"));
        if (!v0) keywords.addAll(List.of("if", "contains", "in", "every"));
        for (Module.Import i : m.imports()) {
            if (i.path().size() == 3 && i.path().subList(0, 2).equals(List.of("future", "keywords")))
                keywords.add(i.path().get(2));
            if (i.path().equals(List.of("rego", "v2")))
                keywords.addAll(List.of("if", "contains", "in", "every", "and", "or"));
        }
        return keywords;
    }

    private static boolean importsKeyword(Module m, String keyword) {
        return m.imports().stream()
                .anyMatch(i -> i.path().equals(List.of("future", "keywords"))
                        || i.path().equals(List.of("future", "keywords", keyword)));
    }

    /** A rule that may share its paragraph: at most one body literal, no else, not a default. */
    private static boolean oneLiner(Rule r) {
        return !r.isDefault() && r.elseRule() == null && r.body().size() <= 1;
    }

    private String packageText() {
        StringBuilder sb = new StringBuilder();
        for (String part : module.packagePath()) {
            if (sb.length() == 0) sb.append(part);
            else if (TermText.isName(part)) sb.append('.').append(part);
            else sb.append("[").append(StringValue.of(part).toJson()).append("]");
        }
        return sb.toString();
    }

    /**
     * Imports in their groups (split where a blank line was), each sorted. Rewriting v0 as v1 adds rego.v1 and drops
     * future.keywords; a module that is v1 already keeps them, as opa fmt does (and, or and not with a body need theirs).
     */
    private void imports() {
        List<List<String>> groups = new ArrayList<>();
        int previous = -1;
        String text = source.text();
        int from = 0;
        List<int[]> importLines = new ArrayList<>();
        for (Module.Import i : module.imports()) {
            int at = text.indexOf("import", from);
            while (at > 0 && text.charAt(at - 1) != '\n') at = text.indexOf("import", at + 1);
            from = at + 1;
            importLines.add(new int[] {lineOf(at)});
        }
        boolean hasV1 = module.imports().stream().anyMatch(i -> i.path().equals(REGO_V1));
        boolean hasV2 = module.imports().stream().anyMatch(i -> i.path().equals(REGO_V2));
        // A v1 module importing rego.v2 needs no other directive import, nor one importing rego.v1 a future keyword
        // that v1 has: opa fmt drops them, and imports again the future keywords the module uses (and, or, not).
        boolean keepsFuture = !regoV1 && (staysV0 || !hasV1 && !hasV2);
        List<String> regoV1Group = null;
        for (int k = 0; k < module.imports().size(); k++) {
            Module.Import i = module.imports().get(k);
            int line = importLines.get(k)[0];
            boolean dropped = i.path().get(0).equals("future") && !keepsFuture
                    || !staysV0 && !regoV1 && hasV2 && i.path().equals(REGO_V1);
            if (dropped) {
                previous = line;
                continue;
            }
            if (groups.isEmpty() || blankBetween(previous, line)) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(importText(i) + "\u0000" + line);
            if (i.path().equals(REGO_V1)) regoV1Group = groups.get(groups.size() - 1);
            previous = line;
        }
        if (!staysV0 && !regoV1 && hasV1 && !hasV2) {
            for (String keyword : logicalKeywordsUsed(module))
                regoV1Group.add("future.keywords." + keyword + "\u0000" + Integer.MAX_VALUE);
        }
        if (regoV1 && !hasV1 && !hasV2) {
            if (groups.isEmpty()) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add("rego.v1\u0000" + Integer.MAX_VALUE);
        }
        for (List<String> group : groups) {
            out.append('\n');
            group.sort(Comparator.comparing(s -> s.substring(0, s.indexOf('\u0000'))));
            for (String entry : group) {
                int line = Integer.parseInt(entry.substring(entry.indexOf('\u0000') + 1));
                if (line != Integer.MAX_VALUE) comments(line, 0);
                out.append("import ").append(entry, 0, entry.indexOf('\u0000'));
                if (line != Integer.MAX_VALUE) trailing(line);
                out.append('\n');
            }
        }
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
        StringBuilder sb = new StringBuilder(i.path().get(0));
        for (String part : i.path().subList(1, i.path().size())) {
            if (TermText.isName(part)) sb.append('.').append(part);
            else sb.append('[').append(StringValue.of(part).toJson()).append(']');
        }
        String last = i.path().get(i.path().size() - 1);
        if (!i.alias().equals(last)) sb.append(" as ").append(i.alias());
        return sb.toString();
    }

    private String rule(Rule r) {
        StringBuilder sb = new StringBuilder(r.isDefault() ? "default " : "").append(head(r));
        // A v1 else chain keeps the bodies written; in a v0 one, as opa fmt, only a last rule whose body is just
        // `true` (written so, or left out) goes without its body.
        boolean chained = r.elseRule() != null;
        boolean braces = body(sb, r, 0, chained);
        Rule before = r;
        for (Rule e = r.elseRule(); e != null; before = e, e = e.elseRule()) {
            // An else on a later line that does not start it stays after the closing brace; any other is set apart
            // by a blank line, as opa fmt writes it.
            boolean ownLine = lines[e.span().line() - 1]
                            .substring(0, e.span().column() - 1)
                            .isBlank()
                    || e.span().line() == before.span().line();
            sb.append(braces && !ownLine ? " else" : "\n\nelse");
            boolean constant = !v1Source && e.elseRule() == null && isTrivial(e.body());
            if (e.value() != null && (v1Source || constant || !isTrue(e.value())))
                sb.append(operator(e)).append(terms.term(e.value(), 0));
            else if (e.value() == null && constant) sb.append(staysV0 ? " = true" : " := true");
            braces = !constant && body(sb, e, 0, v1Source || e.elseRule() != null);
        }
        return sb.toString();
    }

    private static boolean isTrue(Term t) {
        return t instanceof Term.Scalar s && s.value() == BooleanValue.TRUE;
    }

    private String head(Rule r) {
        StringBuilder sb = new StringBuilder(r.name());
        for (Term t : r.head().subList(1, r.head().size())) {
            if (refHeads
                    && t instanceof Term.Scalar s
                    && s.value() instanceof StringValue str
                    && TermText.isName(str.value())) {
                sb.append('.').append(str.value());
            } else {
                sb.append('[').append(terms.term(t, 0)).append(']');
            }
        }
        if (r.args() != null)
            sb.append('(')
                    .append(String.join(
                            ", ", r.args().stream().map(a -> terms.term(a, 0)).toList()))
                    .append(')');
        if (r.kind() == Rule.Kind.SET && v0Sets)
            sb.append('[').append(terms.term(r.value(), 0)).append(']');
        else if (r.kind() == Rule.Kind.SET) sb.append(" contains ").append(terms.term(r.value(), 0));
        else if (r.value() != null && !impliedTrue(r)) sb.append(operator(r)).append(terms.term(r.value(), 0));
        else if (isTrivial(r.body()) && r.elseRule() == null) sb.append(staysV0 ? " = true" : " := true");
        return sb.toString();
    }

    /**
     * A value of {@code true} goes without saying, as opa fmt leaves it out: unless the rule is a default, a constant
     * (no body of its own), or a partial object's entry, whose key is a variable (any key, in v0).
     */
    private boolean impliedTrue(Rule r) {
        if (!(r.value() instanceof Term.Scalar s && s.value() == BooleanValue.TRUE) || r.isDefault()) return false;
        if ((r.body().isEmpty() || isTrivial(r.body())) && r.elseRule() == null) return false;
        // In v0, p[k] = v is an entry of a partial object whatever its key.
        if (!v1Source && r.head().size() == 2) return false;
        return r.head().size() == 1 || Term.isGround(r.head().get(r.head().size() - 1));
    }

    /** {@code :=} in v1 (as opa fmt writes it, and when rewriting v0 as v1); a v0 module that stays v0 keeps what was written. */
    private String operator(Rule r) {
        String before = source.text().substring(0, r.value().span().start()).stripTrailing();
        return regoV1 || !staysV0 || before.endsWith(":=") ? " := " : " = ";
    }

    /**
     * Appends the body; says whether it was written in braces. A body that is just {@code true} is no body, except in an
     * else chain ({@code chained}), where opa fmt keeps what was written.
     */
    private boolean body(StringBuilder sb, Rule r, int depth, boolean chained) {
        List<Literal> body = r.body();
        if (body.isEmpty() || isTrivial(body) && !chained) return false;
        Literal last = body.get(body.size() - 1);
        if (!v0 && body.size() == 1 && last.span().line() == r.span().line()) {
            sb.append(" if ").append(terms.literal(last, depth));
            return false;
        }
        sb.append(v0 ? " {" : " if {");
        // A comment after a body that starts on the head's line goes after the opening brace, as opa fmt writes it.
        if (body.get(0).span().line() == r.span().line())
            sb.append(trailingText(r.span().line()));
        sb.append('\n');
        boolean first = true;
        for (Literal l : body) {
            int start = l.span().line();
            String leading = captured(() -> comments(start, depth + 1));
            // OPA sets a commented literal apart from the one before it, and keeps a blank line after the previous
            // one's end.
            if (!first
                    && (!leading.isEmpty()
                            || start > sourceComments.codeLineBefore(l.span().start()) + 1)) sb.append('\n');
            sb.append(leading);
            sb.append(TermText.indent(depth + 1))
                    .append(terms.withTrailingComment(terms.literal(l, depth + 1), start))
                    .append('\n');
            first = false;
        }
        sb.append(TermText.indent(depth)).append('}');
        return true;
    }

    private static boolean isTrivial(List<Literal> body) {
        if (body.size() != 1) return false;
        Literal l = body.get(0);
        return !l.negated()
                && l.withs().isEmpty()
                && l.expr() instanceof Expr.TermExpr t
                && t.term() instanceof Term.Scalar s
                && s.value() == BooleanValue.TRUE;
    }

    /** Comments on their own lines before {@code line}, at the given depth. */
    private void comments(int line, int depth) {
        while (nextComment < comments.size() && comments.get(nextComment).span().line() < line) {
            Comment c = comments.get(nextComment++);
            if (isTrailing(c) || sourceComments.isWritten(c)) continue; // written with the code before it, or inside it
            sourceComments.markWritten(c);
            lastCommentLine = c.span().line();
            out.append(TermText.indent(depth))
                    .append('#')
                    .append(c.text().stripTrailing())
                    .append('\n');
        }
    }

    private void trailing(int line) {
        out.append(trailingText(line));
    }

    /** What a step writes, taken out of the output. */
    private String captured(Runnable step) {
        int mark = out.length();
        step.run();
        String written = out.substring(mark);
        out.setLength(mark);
        return written;
    }

    /** A comment after code on this line, as " # text", unless it was written already. */
    private String trailingText(int line) {
        return sourceComments.trailing(line);
    }

    private boolean isTrailing(Comment c) {
        return sourceComments.isTrailing(c);
    }

    private boolean blankBetween(int fromLine, int toLine) {
        for (int l = fromLine + 1; l < toLine; l++) if (lines[l - 1].isBlank()) return true;
        return false;
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < source.text().length(); i++)
            if (source.text().charAt(i) == '\n') line++;
        return line;
    }
}
