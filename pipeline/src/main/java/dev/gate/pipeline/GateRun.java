package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.pipeline.analysis.ImageFacts;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.publish.Published;
import dev.gate.policy.decision.Decision;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a gate run, everything the reports print.
 *
 * @param decision  null with {@code --sbom-only}
 * @param published one entry per destination written, empty when denied or with {@code --dry-run}
 */
public record GateRun(
        String source,
        ImageName image,
        String digest,
        String mediaType,
        List<ImageFacts> facts,
        JsonNode input,
        Decision decision,
        boolean allowed,
        boolean dryRun,
        String signingMethod,
        List<Published> published,
        Map<String, Long> stepMillis) {}
