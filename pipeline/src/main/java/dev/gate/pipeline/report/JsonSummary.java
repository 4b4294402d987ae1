package dev.gate.pipeline.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.publish.Published;
import dev.gate.policy.decision.DecisionJson;

/** {@code --output json}: the run as one JSON object (documented in docs/gate-push.md). */
public final class JsonSummary {

    private JsonSummary() {}

    public static ObjectNode of(GateRun run) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("source", run.source());
        root.put("destination", run.image().ref());
        root.put("digest", run.digest());
        root.put("mediaType", run.mediaType());
        root.put("allowed", run.allowed());
        root.put("dryRun", run.dryRun());
        ObjectNode packages = root.putObject("packages");
        packages.put("total", RunFigures.packages(run));
        ObjectNode perEcosystem = packages.putObject("perEcosystem");
        RunFigures.packagesPerEcosystem(run).forEach(perEcosystem::put);
        ObjectNode findings = root.putObject("findings");
        findings.put("scanned", RunFigures.scanned(run));
        RunFigures.findings(run).forEach(findings::put);
        if (run.decision() == null) {
            root.putNull("decision");
        } else {
            ObjectNode decision = root.putObject("decision");
            decision.set("failures", DecisionJson.results(run.decision().failures()));
            decision.set("warnings", DecisionJson.results(run.decision().warnings()));
            decision.set("exempted", DecisionJson.results(run.decision().exempted()));
            decision.set("rules", DecisionJson.rules(run.decision().rules()));
        }
        root.put("signing", run.signingMethod());
        ArrayNode published = root.putArray("published");
        for (Published p : run.published()) {
            ObjectNode node = published.addObject();
            node.put("destination", p.destination());
            node.put("blobsUploaded", p.blobsUploaded());
            node.put("blobsSkipped", p.blobsSkipped());
            p.signatures().forEach(node.putArray("signatures")::add);
            p.attestations().forEach(node.putArray("attestations")::add);
            p.referrers().forEach(node.putArray("sbomReferrers")::add);
            node.put("tag", p.tag());
        }
        ObjectNode timings = root.putObject("timingsMillis");
        run.stepMillis().forEach(timings::put);
        return root;
    }
}
