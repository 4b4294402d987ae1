package dev.gate.policy.decision;

import dev.gate.policy.ast.Annotations;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a decision rule says about itself in its {@code # METADATA} block, for reports: a title, a description, a
 * severity ({@code custom.severity}, upper-cased) and the addresses of its related resources. Each field is taken from
 * the nearest block that has it: the rule's own, its document's, its package's, then enclosing subpackages'.
 */
public record RuleDoc(String title, String description, String severity, List<String> related) {
    /** A rule without annotations. */
    public static final RuleDoc NONE = new RuleDoc(null, null, null, List.of());

    private static final int MAX_TEXT = 4096;

    public RuleDoc {
        related = List.copyOf(related);
    }

    public boolean isEmpty() {
        return title == null && description == null && severity == null && related.isEmpty();
    }

    /** Severity and title for a one-line report ({@code "HIGH: Fixable criticals"}), or null when the rule has neither. */
    public String headline() {
        if (severity == null) return title;
        return title == null ? severity : severity + ": " + title;
    }

    /** The rule's documentation from its chain of blocks, nearest first; null links are skipped. */
    public static RuleDoc of(List<Annotations> chain) {
        String title = null, description = null, severity = null;
        List<String> related = List.of();
        for (Annotations a : chain) {
            if (a == null) continue;
            if (title == null) title = bounded(a.title());
            if (description == null) description = bounded(a.description());
            if (severity == null && a.custom().get("severity") instanceof StringValue s) {
                severity = bounded(s.value().toUpperCase(Locale.ROOT));
            }
            if (related.isEmpty()) related = related(a.value().get("related_resources"));
        }
        return title == null && description == null && severity == null && related.isEmpty()
                ? NONE
                : new RuleDoc(title, description, severity, related);
    }

    private static List<String> related(Value v) {
        List<String> out = new ArrayList<>();
        if (!(v instanceof ArrayValue list)) return out;
        for (Value item : list.elements()) {
            if (item instanceof ObjectValue o && o.get("ref") instanceof StringValue ref) out.add(bounded(ref.value()));
        }
        return out;
    }

    /** Annotations are policy text, not image bytes, but a report should not carry a novel because a block holds one. */
    private static String bounded(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }
}
