package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.pipeline.report.TextSummary;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.SafeText;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionJson;
import dev.gate.policy.decision.RuleResult;
import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.report.JsonReport;
import dev.gate.scan.sbomin.CycloneDxInput;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Signer;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.SignatureStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import dev.gate.policy.syntax.RegoVersion;

/**
 * {@code gate verify --policy}: "would this image pass today's rules?" The input document is
 * rebuilt from what the registry holds (manifest and config, never a layer) and from the verified
 * SBOM, vulnerability and decision attestations, then evaluated with the policies given now.
 * With {@code --db} the attested SBOM is scanned again against today's advisories.
 */
public final class PolicyRecheck {

    private final List<Path> policies;
    private final List<Path> data;
    private final List<String> params;
    private final String namespace;
    private final RegoVersion regoVersion;
    private final Path database;
    private final boolean failOnWarn;
    private final List<Waivers.Waiver> waivers;
    private final VexStatements.Documents vex;

    /**
     * @param params   input.context.params, over those the push recorded
     * @param regoVersion the dialect the policies are read in where a file does not say
     * @param waivers  time-boxed exceptions, applied as at a push
     * @param vex      VEX statements, applied as at a push
     * @param database an advisory database to scan the attested SBOM with again, instead of trusting the attested scan;
     *                 null trusts it
     */
    public PolicyRecheck(List<Path> policies, List<Path> data, List<String> params, String namespace, RegoVersion regoVersion,
            Path database, boolean failOnWarn, List<Waivers.Waiver> waivers, VexStatements.Documents vex) {
        this.policies = List.copyOf(policies);
        this.data = List.copyOf(data);
        this.params = List.copyOf(params);
        this.namespace = namespace;
        this.regoVersion = regoVersion;
        this.database = database;
        this.failOnWarn = failOnWarn;
        this.waivers = List.copyOf(waivers);
        this.vex = vex;
    }

    public boolean requested() {
        return !policies.isEmpty();
    }

    /** What the re-evaluation found; {@code problems} are missing or unverified attestations. */
    public record Outcome(boolean passed, Decision decision, List<String> problems, JsonNode input) {

        public void print(PrintWriter out) {
            out.println("policy re-evaluation: " + (passed ? "PASSED" : "FAILED"));
            problems.forEach(p -> out.println("  problem: " + SafeText.of(p)));
            if (decision != null) {
                decision.failures().forEach(r -> out.println("  FAIL  " + line(r)));
                decision.warnings().forEach(r -> out.println("  WARN  " + line(r)));
                out.println("  " + decision.rules().stream().filter(r -> r.passed()).count() + " of " + decision.rules().size()
                        + " rules passed");
            }
        }

        private static String line(RuleResult r) {
            return TextSummary.line(r);
        }

        public ObjectNode json() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("passed", passed);
            problems.forEach(node.putArray("problems")::add);
            if (decision != null) {
                node.set("failures", DecisionJson.results(decision.failures()));
                node.set("warnings", DecisionJson.results(decision.warnings()));
            }
            node.put("inputDigest", input == null ? null : InputDocument.digest(input).toString());
            return node;
        }
    }

    /**
     * {@code artifact}: the image as its registry or layout holds it, named {@code name} as at its push;
     * {@code verificationFailures}: what the signature check could not verify; any makes the outcome fail.
     */
    public Outcome evaluate(ImageName name, Artifact artifact, SignatureStore store, PublicKey key,
            List<String> verificationFailures, UnaryOperator<String> env) {
        return evaluate(loadPolicies(), name, artifact, store, key, verificationFailures, env);
    }

    /** The policies once, for callers that evaluate many images. */
    public PolicyGate loadPolicies() {
        return PolicyGate.load(policies, data, namespace, regoVersion);
    }

    public Outcome evaluate(PolicyGate gate, ImageName name, Artifact artifact, SignatureStore store, PublicKey key,
            List<String> verificationFailures, UnaryOperator<String> env) {
        return evaluate(gate, name, artifact, store, TrustedKeys.of(key), new Checked(verificationFailures, false,
                EcdsaSigner.keyId(key)), env);
    }

    /**
     * As {@link #evaluate(ImageName, Artifact, SignatureStore, PublicKey, List, UnaryOperator)} with every trusted key:
     * {@code verification} is what {@code ImageVerifier} found for the image with them.
     */
    public Outcome evaluate(ImageName name, Artifact artifact, SignatureStore store, TrustedKeys keys, Verification verification,
            UnaryOperator<String> env) {
        return evaluate(loadPolicies(), name, artifact, store, keys, Checked.of(verification, keys), env);
    }

    public Outcome evaluate(PolicyGate gate, ImageName name, Artifact artifact, SignatureStore store, TrustedKeys keys,
            Verification verification, UnaryOperator<String> env) {
        return evaluate(gate, name, artifact, store, keys, Checked.of(verification, keys), env);
    }

    /**
     * What the signature check found, as the re-evaluation needs it: its problems, whether a trusted key signed the
     * image itself (which vouches for the BuildKit statements its index lists), and the key id recorded as
     * {@code input.signing.keyId}.
     */
    private record Checked(List<String> problems, boolean signedByTrustedKey, String keyId) {

        static Checked of(Verification verification, TrustedKeys keys) {
            List<Signer> signers = verification.verified().stream().filter(v -> v.predicateType() == null)
                    .map(Verification.Verified::signer).toList();
            String keyId = signers.stream().map(Signer::keyId).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(keys.keyIds().get(0));
            return new Checked(verification.problems(), !signers.isEmpty() && verification.failures().isEmpty(), keyId);
        }
    }

    private Outcome evaluate(PolicyGate gate, ImageName name, Artifact artifact, SignatureStore store, TrustedKeys keys,
            Checked checked, UnaryOperator<String> env) {
        List<String> problems = new ArrayList<>(checked.problems());
        Digest digest = artifact.descriptor().digest();
        if (artifact instanceof Artifact.Multi) {
            // An index's SBOMs and scans are attested on its images, checked below; it may carry none itself.
            problems.remove(CosignAttacher.attestationTag(digest) + ": no attestations found");
        }
        List<PlatformImage> images = PlatformImage.of(artifact);
        ObjectNode image = ImageSection.of(name, artifact, images);
        List<JsonNode> boms = new ArrayList<>();
        List<JsonNode> scans = new ArrayList<>();
        AttestedPredicates ofIndex = AttestedPredicates.read(store, digest, keys);
        List<VerifiedAttestation> attestations = new ArrayList<>(ofIndex.attestations());
        JsonNode decision = ofIndex.predicate(Predicates.DECISION_TYPE);
        for (PlatformImage p : images) {
            Digest platform = p.descriptor().digest();
            AttestedPredicates attested = platform.equals(digest) ? ofIndex : AttestedPredicates.read(store, platform, keys);
            if (!platform.equals(digest)) {
                attestations.addAll(attested.attestations());
            }
            problems.addAll(attested.failures());
            JsonNode bom = attested.predicate(InTotoStatement.SBOM_CYCLONEDX);
            if (bom == null || !bom.isObject()) {
                problems.add(platform + ": no verified SBOM attestation (" + InTotoStatement.SBOM_CYCLONEDX + ")");
                continue;
            }
            boms.add(bom);
            JsonNode scan = database != null ? rescan(bom, platform)
                    : attested.predicate(InTotoStatement.VULN) == null ? null
                    : attested.predicate(InTotoStatement.VULN).path("scanner").path("result");
            if (scan == null) {
                problems.add(platform + ": no verified vulnerability attestation (give --db to scan the SBOM)");
            } else {
                scans.add(scan);
            }
            if (decision == null) {
                decision = attested.predicate(Predicates.DECISION_TYPE);
            }
        }
        if (checked.signedByTrustedKey()) {
            BuildKitAttestations buildKit = BuildKitAttestations.of(artifact);
            attestations.addAll(buildKit.attestations());
            problems.addAll(buildKit.failures());
        }
        if (!problems.isEmpty()) {
            return new Outcome(false, null, problems, null);
        }
        ObjectNode input = InputDocument.build(image, boms, scans, new InputDocument.Signing("key", checked.keyId()),
                attestations, Instant.now(), params(decision), env);
        VexStatements.apply(input, vex);
        Waivers.apply(input, waivers, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        Decision decided = gate.decide(input);
        return new Outcome(decided.allowed(failOnWarn), decided, problems, input);
    }

    /** --param wins; otherwise the parameters the push recorded in its decision, so thresholds stay the same. */
    private Map<String, String> params(JsonNode decision) {
        Map<String, String> out = new LinkedHashMap<>();
        if (decision != null) {
            decision.path("input").path("params").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return Params.merge(out, params);
    }

    private JsonNode rescan(JsonNode bom, Digest image) {
        if (!Files.isRegularFile(database)) {
            throw GateException.input("advisory database " + database + " does not exist");
        }
        CycloneDxInput sbom = CycloneDxInput.fromBom((ObjectNode) bom, "SBOM attestation of " + image);
        try (Scanner scanner = Scanner.open(database)) {
            ScanResult result = scanner.scan(sbom.packages(), sbom.os());
            return JsonReport.document(result);
        }
    }
}
