package dev.gate.policy.format;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;

/**
 * A module written as {@code opa fmt} writes it: package, imports (sorted within their groups; future.keywords
 * dropped when a v0 module is rewritten as v1), then rules, a blank line between two unless both are one-liners on consecutive lines; rule
 * bodies after {@code if}, inline when they were one literal on the head's line; comments kept where they were.
 * With {@code regoV1} a v0 module is rewritten as v1 ({@code opa fmt --rego-v1}): {@code if}, {@code contains},
 * {@code :=} for {@code =} in heads, and {@code import rego.v1}. Without it a v0 module stays v0, written as
 * {@code opa fmt --v0-compatible} writes it: every body in braces on lines of its own, {@code p[x]} for sets, every
 * rule set apart by a blank line.
 *
 * <p>This class lays out the module's paragraphs and the comments between them; {@link PackageAndImports} writes the
 * package and imports, {@link RuleText} each rule, {@link TermText} the terms inside, and {@link Dialect} says what
 * the Rego version read and written decides.
 */
public final class RegoFormatter {
    private final Module module;
    private final Dialect dialect;
    private final SourceComments comments;
    private final PackageAndImports header;
    private final RuleText rules;

    private RegoFormatter(Source source, Module module, boolean regoV1) {
        this.module = module;
        this.dialect = Dialect.of(module, regoV1);
        this.comments = new SourceComments(source);
        this.header = new PackageAndImports(source, module, dialect, comments);
        TermText terms = new TermText(source, comments, dialect.keywords());
        this.rules = new RuleText(source, module, dialect, terms, comments);
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
        StringBuilder out = new StringBuilder();
        String[] lines = comments.lines();
        int packageLine = 1;
        while (packageLine < lines.length && !lines[packageLine - 1].strip().startsWith("package")) packageLine++;
        out.append(comments.above(packageLine, 0));
        out.append(header.packageLine()).append('\n');
        out.append(header.imports());
        Rule previous = null;
        for (Rule r : module.rules()) {
            int start = r.span().line();
            // As OPA: one-liners written on consecutive lines stay together; anything else is set apart.
            if (previous == null
                    || dialect.v0Bodies()
                    || !(oneLiner(previous)
                            && oneLiner(r)
                            && start == previous.span().line() + 1)) out.append('\n');
            String above = comments.above(start, 0);
            out.append(above);
            // A blank line between the comments above a rule and the rule itself stays, as opa fmt keeps it.
            if (!above.isEmpty() && comments.blankBetween(comments.lastAboveLine(), start)) out.append('\n');
            String text = rules.rule(r);
            // A comment after the head's line stays on that line, whatever follows it.
            int firstBreak = text.indexOf('\n');
            String trailing = comments.trailing(start);
            out.append(
                            firstBreak < 0
                                    ? text + trailing
                                    : text.substring(0, firstBreak) + trailing + text.substring(firstBreak))
                    .append('\n');
            previous = r;
        }
        int last = previous == null ? packageLine : previous.span().line();
        int nextComment = comments.nextUnwrittenLine();
        if (nextComment >= 0 && comments.blankBetween(last, nextComment)) out.append('\n');
        out.append(comments.above(Integer.MAX_VALUE, 0));
        return out.toString();
    }

    /** A rule that may share its paragraph: at most one body literal, no else, not a default. */
    private static boolean oneLiner(Rule r) {
        return !r.isDefault() && r.elseRule() == null && r.body().size() <= 1;
    }
}
