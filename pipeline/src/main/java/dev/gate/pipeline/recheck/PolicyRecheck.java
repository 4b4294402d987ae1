package dev.gate.pipeline.recheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.findings.AttestedVex;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.input.ImageSection;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.pipeline.input.Params;
import dev.gate.pipeline.report.TextSummary;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionJson;
import dev.gate.policy.decision.RuleResult;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.scan.Scanner;
import dev.gate.signing.Problem;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.SignatureStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code gate verify --policy}: "would this image pass today's rules?" The input document is
 * rebuilt from what the registry holds (manifest and config, never a layer) and from the verified
 * SBOM, vulnerability and decision attestations (signed with a trusted key, or keyless by the trusted identity), then
 * evaluated with the policies given now. OpenVEX attestations a trusted signer made mark findings as {@code --vex}
 * documents do.
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
    public PolicyRecheck(
            List<Path> policies,
            List<Path> data,
            List<String> params,
            String namespace,
            RegoVersion regoVersion,
            Path database,
            boolean failOnWarn,
            List<Waivers.Waiver> waivers,
            VexStatements.Documents vex) {
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

    /**
     * What the re-evaluation found; {@code problems} are the evidence that is missing or does not verify (each printed as
     * its message), and keep the policies from running.
     */
    public record Outcome(boolean passed, Decision decision, List<Problem> problems, JsonNode input) {

        public void print(PrintWriter out) {
            out.println("policy re-evaluation: " + (passed ? "PASSED" : "FAILED"));
            problems.forEach(p -> out.println("  problem: " + SafeText.of(p.message())));
            if (decision != null) {
                decision.failures().forEach(r -> out.println("  FAIL  " + line(r)));
                decision.warnings().forEach(r -> out.println("  WARN  " + line(r)));
                out.println(
                        "  " + decision.rules().stream().filter(r -> r.passed()).count() + " of "
                                + decision.rules().size() + " rules passed");
            }
        }

        private static String line(RuleResult r) {
            return TextSummary.line(r);
        }

        public ObjectNode json() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("passed", passed);
            ArrayNode listed = node.putArray("problems");
            problems.forEach(p -> listed.add(p.message()));
            if (decision != null) {
                node.set("failures", DecisionJson.results(decision.failures()));
                node.set("warnings", DecisionJson.results(decision.warnings()));
            }
            node.put(
                    "inputDigest",
                    input == null ? null : InputDocument.digest(input).toString());
            if (input != null) {
                node.set("vex", input.path("vex").path("documents").deepCopy()); // given with --vex, then attested
            }
            return node;
        }
    }

    /** The policies once, for callers that evaluate many images. */
    public PolicyGate loadPolicies() {
        return PolicyGate.load(policies, data, namespace, regoVersion);
    }

    /**
     * The verdict of the policies on {@code artifact} (the image as its registry or layout holds it, named {@code name} as
     * at its push), from what {@code store} holds beside it: {@code verification} is what {@code ImageVerifier} found for
     * it with {@code keys}; any failure there fails the outcome.
     */
    public Outcome evaluate(
            ImageName name,
            Artifact artifact,
            SignatureStore store,
            TrustedKeys keys,
            Verification verification,
            UnaryOperator<String> env) {
        return decide(loadPolicies(), name, gather(artifact, store, keys, verification, null), env);
    }

    /**
     * What an image's policy input is built from, apart from the name it is evaluated under: its manifests, the verified
     * SBOMs, scans and attestations, and the key that signed it. Gathered once per digest and decided once per tag that
     * names it, since rules may read the tag.
     */
    public record Evidence(
            ObjectNode image,
            List<JsonNode> boms,
            List<JsonNode> scans,
            JsonNode decision,
            List<VerifiedAttestation> attestations,
            InputDocument.Signing signing,
            List<Problem> problems) {}

    /**
     * Reads and verifies the attestations of {@code artifact} with {@code keys}; {@code verification} is what the
     * signature check found for it. {@code scanner}, when not null, is the advisory database opened once by a caller
     * that rescans many images (one scan at a time on it), used instead of opening --db again.
     */
    public Evidence gather(
            Artifact artifact, SignatureStore store, TrustedKeys keys, Verification verification, Scanner scanner) {
        return new EvidenceReader(store, keys, database != null, scanner, this::openDatabase)
                .read(artifact, verification);
    }

    /** The policies' verdict on {@code evidence} for the image named {@code name}. */
    public Outcome decide(PolicyGate gate, ImageName name, Evidence evidence, UnaryOperator<String> env) {
        if (!evidence.problems().isEmpty()) {
            return new Outcome(false, null, evidence.problems(), null);
        }
        AttestedVex.Found attestedVex = AttestedVex.of(evidence.attestations());
        if (!attestedVex.problems().isEmpty()) {
            return new Outcome(false, null, attestedVex.problems(), null);
        }
        ObjectNode image = ImageSection.named(name, evidence.image());
        // VEX statements and waivers mark the findings of this input: each tag gets its own copy of the image's.
        List<JsonNode> scans =
                evidence.scans().stream().<JsonNode>map(JsonNode::deepCopy).toList();
        ObjectNode input = InputDocument.build(
                image,
                evidence.boms(),
                scans,
                evidence.signing(),
                evidence.attestations(),
                Instant.now(),
                params(evidence.decision()),
                env);
        VexStatements.apply(input, vex.and(attestedVex.documents()));
        Waivers.apply(input, waivers, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        Decision decided = gate.decide(input);
        return new Outcome(decided.allowed(failOnWarn), decided, evidence.problems(), input);
    }

    /**
     * A digest of everything the re-evaluation decides with besides the image: the policy and data files' contents, the
     * parameters, namespace, dialect, waivers (and, since they expire, today's date), VEX statements and --fail-on-warn.
     * Two runs with the same fingerprint and the same evidence decide alike.
     */
    public String fingerprint(PolicyGate gate) {
        StringBuilder all = new StringBuilder("policy-recheck/v1\n");
        gate.policyFiles().forEach(f -> all.append("policy ").append(f.sha256()).append('\n'));
        gate.dataFiles().forEach(f -> all.append("data ").append(f.sha256()).append('\n'));
        params.forEach(p -> all.append("param ").append(p).append('\n'));
        all.append("namespace ")
                .append(namespace)
                .append("\nrego ")
                .append(regoVersion)
                .append("\nfail-on-warn ")
                .append(failOnWarn)
                .append('\n');
        waivers.forEach(w -> all.append("waiver ").append(w).append('\n'));
        if (!waivers.isEmpty()) {
            all.append("today ")
                    .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .append('\n');
        }
        vex.files().forEach(f -> all.append("vex ").append(f).append('\n'));
        all.append("db ").append(database != null);
        return Digest.sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /** --param wins; otherwise the parameters the push recorded in its decision, so thresholds stay the same. */
    private Map<String, String> params(JsonNode decision) {
        Map<String, String> out = new LinkedHashMap<>();
        if (decision != null) {
            decision.path("input")
                    .path("params")
                    .fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return Params.merge(out, params);
    }

    /** The --db advisory database, for a caller that rescans many images with one connection; null without --db. */
    public Scanner openDatabase() {
        if (database == null) {
            return null;
        }
        if (!Files.isRegularFile(database)) {
            throw GateException.input("advisory database " + database + " does not exist");
        }
        return Scanner.open(database);
    }
}
