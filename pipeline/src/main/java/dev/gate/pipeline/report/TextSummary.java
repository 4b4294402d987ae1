package dev.gate.pipeline.report;

import dev.gate.image.SafeText;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.publish.Published;
import dev.gate.policy.decision.EvaluatedRule;
import dev.gate.policy.decision.RuleResult;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary of a gate run. */
public final class TextSummary {

    private TextSummary() {}

    public static void write(GateRun run, PrintWriter out) {
        out.println("image     " + SafeText.of(run.image().ref()) + "  (from " + SafeText.of(run.source()) + ")");
        out.println("digest    " + run.digest());
        Map<String, Integer> perEcosystem = RunFigures.packagesPerEcosystem(run);
        out.println("packages  " + RunFigures.packages(run)
                + (perEcosystem.isEmpty()
                        ? ""
                        : " ("
                                + perEcosystem.entrySet().stream()
                                        .map(e -> SafeText.of(e.getKey()) + " " + e.getValue())
                                        .collect(Collectors.joining(", "))
                                + ")"));
        if (RunFigures.scanned(run)) {
            out.println("findings  "
                    + RunFigures.findings(run).entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));
        } else {
            out.println("findings  not scanned");
        }
        out.println("policy    " + RunFigures.verdict(run));
        if (run.decision() != null) {
            for (RuleResult r : run.decision().failures()) {
                out.println("  FAIL  " + line(r));
            }
            for (RuleResult r : run.decision().warnings()) {
                out.println("  WARN  " + line(r));
            }
            for (RuleResult r : run.decision().exempted()) {
                out.println("  EXEMPT " + line(r));
            }
            long passed = run.decision().rules().stream()
                    .filter(EvaluatedRule::passed)
                    .count();
            out.println("  " + passed + " of " + run.decision().rules().size() + " rules passed");
        }
        if (!run.allowed()) {
            out.println("nothing was pushed");
        } else if (run.dryRun()) {
            out.println(
                    "dry run: nothing was pushed to " + SafeText.of(run.image().ref()));
        }
        for (Published p : run.published()) {
            out.println("pushed    " + SafeText.of(p.destination()) + " (" + p.blobsUploaded() + " blobs uploaded, "
                    + p.blobsSkipped() + " already there)");
            p.signatures().forEach(s -> out.println("  signature    " + SafeText.of(s)));
            p.attestations().forEach(a -> out.println("  attestation  " + SafeText.of(a)));
            p.referrers().forEach(r -> out.println("  sbom         referrer " + SafeText.of(r)));
            out.println("  tag          " + (p.tag() == null ? "(none: pushed by digest)" : SafeText.of(p.tag())));
        }
        out.flush();
    }

    /** One rule result; its message often echoes the image (package names, labels), so every part is escaped. */
    public static String line(RuleResult r) {
        String headline = r.doc().headline();
        return SafeText.of(r.namespace() + "." + r.rule()) + ": " + SafeText.of(r.message())
                + (headline == null ? "" : "  (" + SafeText.of(headline) + ")")
                + (r.location() == null ? "" : "  [" + SafeText.of(r.location()) + "]");
    }
}
