package dev.gate.pipeline.report;

import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.publish.Published;
import dev.gate.policy.decision.RuleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/** The Markdown appended to {@code $GITHUB_STEP_SUMMARY}, so a CI run's page shows the gate's verdict. */
public final class MarkdownSummary {

    private static final String INLINE_MARKUP = "\\`*_~[]()!<>&|$";

    private MarkdownSummary() {}

    public static String of(GateRun run) {
        StringBuilder md = new StringBuilder();
        md.append("### gate: ")
                .append(escape(run.image().ref()))
                .append(" — ")
                .append(RunFigures.verdict(run))
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| digest | `").append(run.digest()).append("` |\n");
        md.append("| packages | ").append(RunFigures.packages(run));
        Map<String, Integer> eco = RunFigures.packagesPerEcosystem(run);
        eco.forEach((k, v) -> md.append(" · ").append(escape(k)).append(' ').append(v));
        md.append(" |\n");
        md.append("| findings | ");
        if (RunFigures.scanned(run)) {
            RunFigures.findings(run)
                    .forEach((k, v) -> md.append(v).append(' ').append(k).append(" · "));
            md.setLength(md.length() - 3);
        } else {
            md.append("not scanned");
        }
        md.append(" |\n");
        for (Published p : run.published()) {
            md.append("| pushed | ")
                    .append(escape(p.destination()))
                    .append(" (signatures: ")
                    .append(p.signatures().size())
                    .append(", attestations: ")
                    .append(p.attestations().size())
                    .append(") |\n");
        }
        if (run.decision() != null) {
            rules(md, "Failing rules", run.decision().failures());
            rules(md, "Warnings", run.decision().warnings());
        }
        return md.append('\n').toString();
    }

    private static void rules(StringBuilder md, String title, List<RuleResult> results) {
        if (results.isEmpty()) {
            return;
        }
        md.append("\n**")
                .append(title)
                .append("**\n\n| rule | message | about the rule | where |\n|---|---|---|---|\n");
        for (RuleResult r : results) {
            String headline = r.doc().headline();
            md.append("| ")
                    .append(code(r.namespace() + "." + r.rule()))
                    .append(" | ")
                    .append(escape(r.message()))
                    .append(" | ")
                    .append(headline == null ? "" : escape(headline))
                    .append(" | ")
                    .append(r.location() == null ? "" : code(r.location()))
                    .append(" |\n");
        }
    }

    /**
     * Text from the image or the policies as literal Markdown inside a table cell or after a heading's first words:
     * controls escaped as for a terminal, then each character that means something inline backslash-escaped
     * (CommonMark makes an escaped punctuation character literal), so that no name or message can end a table cell,
     * open a code span, emphasis, a link, an image, inline HTML, an entity or GitHub's math. Characters that only
     * matter at the start of a line ({@code #}, {@code -}, ...) never stand there.
     */
    static String escape(String text) {
        String safe = SafeText.of(text);
        StringBuilder out = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            if (INLINE_MARKUP.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A name or location in a code span when it can hold one (inside a span escapes do not work, so a backtick would
     * end it); otherwise escaped text. A pipe is escaped either way: GitHub ends a table cell at one even in a span.
     */
    static String code(String text) {
        String safe = SafeText.of(text);
        return safe.indexOf('`') < 0 ? "`" + safe.replace("|", "\\|") + "`" : escape(text);
    }

    /** Appends to the file GitHub Actions names; a summary that cannot be written is an I/O failure. */
    public static void append(Path file, GateRun run) {
        try {
            Files.writeString(
                    file, of(run), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw GateException.operational("cannot append to GITHUB_STEP_SUMMARY " + file + ": " + e.getMessage(), e);
        }
    }
}
