package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.Transports;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.publish.Destination;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.oci.SignatureStore;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of a previously gated image (say, the tag now in production), from its vulnerability attestations
 * verified with a trusted key, so that a policy can hold only new findings against a release. A finding is the same
 * when its advisory and package (ecosystem and name, not version) are: upgrading a package that stays vulnerable to
 * the same advisory makes nothing new.
 *
 * @param reference the image as named by {@code --baseline}
 * @param digest    the digest it resolved to
 * @param findings  the keys of every finding its verified attestations hold
 */
public record Baseline(String reference, Digest digest, Set<String> findings) {

    /** What {@code --baseline REF} asks for: the image and the key its attestations must verify with. */
    public record Request(String reference, PublicKey key) {}

    public Baseline {
        findings = Set.copyOf(findings);
    }

    /** Reads the verified vulnerability attestations of every platform image {@code request} names. */
    public static Baseline read(Request request, RegistryOptions options) {
        String ref = request.reference();
        Artifact artifact;
        try (ImageSource source = Transports.source(ref, options)) {
            artifact = source.resolve();
        }
        SignatureStore store = Destination.parse(ref, options).signatures();
        Set<String> findings = new HashSet<>();
        List<PlatformImage> images = PlatformImage.of(artifact);
        for (PlatformImage image : images) {
            Digest digest = image.image().descriptor().digest();
            JsonNode predicate =
                    AttestedPredicates.read(store, digest, request.key()).predicate(InTotoStatement.VULN);
            if (predicate == null) {
                throw GateException.input(
                        "--baseline " + ref + ": " + digest + " has no vulnerability attestation that verifies "
                                + "with the baseline key (was it pushed through the gate, scanned and signed?)");
            }
            for (JsonNode v : predicate.path("scanner").path("result").path("vulnerabilities")) findings.add(key(v));
        }
        return new Baseline(ref, artifact.descriptor().digest(), findings);
    }

    /** Marks each finding of the input document {@code new: true|false} and adds {@code input.baseline}. */
    public void apply(ObjectNode input) {
        int known = 0;
        for (JsonNode v : input.path("vulnerabilities")) {
            boolean isNew = !findings.contains(key(v));
            ((ObjectNode) v).put("new", isNew);
            if (!isNew) known++;
        }
        ObjectNode section = input.putObject("baseline");
        section.put("reference", reference);
        section.put("digest", digest.toString());
        section.put("vulnerabilities", findings.size());
        section.put("stillPresent", known);
    }

    static String key(JsonNode vulnerability) {
        JsonNode pkg = vulnerability.path("package");
        return vulnerability.path("id").asText() + "\u0000"
                + pkg.path("ecosystem").asText() + "\u0000" + pkg.path("name").asText();
    }
}
