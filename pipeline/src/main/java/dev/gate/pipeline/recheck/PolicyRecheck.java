package dev.gate.pipeline.recheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.attestation.BuildKitAttestations;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.findings.AttestedVex;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.input.ImageSection;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.pipeline.input.Params;
import dev.gate.pipeline.input.PlatformFindings;
import dev.gate.pipeline.report.TextSummary;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionJson;
import dev.gate.policy.decision.RuleResult;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.report.JsonReport;
import dev.gate.scan.sbomin.CycloneDxInput;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Problem;
import dev.gate.signing.Signer;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
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
            if (input != null) {
                node.set("vex", input.path("vex").path("documents").deepCopy()); // given with --vex, then attested
            }
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
        Checked checked = new Checked(verificationFailures, false, new InputDocument.Signing("key", EcdsaSigner.keyId(key)));
        return decide(gate, name, gather(artifact, store, TrustedKeys.of(key), checked, null), env);
    }

    /**
     * As {@link #evaluate(ImageName, Artifact, SignatureStore, PublicKey, List, UnaryOperator)} with every trusted key:
     * {@code verification} is what {@code ImageVerifier} found for the image with them.
     */
    public Outcome evaluate(ImageName name, Artifact artifact, SignatureStore store, TrustedKeys keys, Verification verification,
            UnaryOperator<String> env) {
        return evaluate(loadPolicies(), name, artifact, store, keys, verification, env);
    }

    public Outcome evaluate(PolicyGate gate, ImageName name, Artifact artifact, SignatureStore store, TrustedKeys keys,
            Verification verification, UnaryOperator<String> env) {
        return decide(gate, name, gather(artifact, store, keys, verification, null), env);
    }

    /**
     * What the signature check found, as the re-evaluation needs it: its problems, whether a trusted key or identity signed
     * the image itself (which vouches for the BuildKit statements its index lists), and how it was signed, recorded as
     * {@code input.signing}: the key that verified the signature, or keyless.
     */
    private record Checked(List<String> problems, boolean signedByTrustedKey, InputDocument.Signing signing) {

        static Checked of(Verification verification, TrustedKeys keys) {
            List<Signer> signers = verification.verified().stream().filter(v -> v.predicateType() == null)
                    .map(Verification.Verified::signer).toList();
            String keyId = signers.stream().map(Signer::keyId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            InputDocument.Signing signing = keyId != null ? new InputDocument.Signing("key", keyId)
                    : !signers.isEmpty() || !keys.hasKeys() ? new InputDocument.Signing("keyless", null)
                    : new InputDocument.Signing("key", keys.keyIds().get(0));
            return new Checked(verification.problems().stream().map(Problem::message).toList(),
                    !signers.isEmpty() && verification.failures().isEmpty(), signing);
        }
    }

    /**
     * What an image's policy input is built from, apart from the name it is evaluated under: its manifests, the verified
     * SBOMs, scans and attestations, and the key that signed it. Gathered once per digest and decided once per tag that
     * names it, since rules may read the tag.
     */
    public record Evidence(ObjectNode image, List<JsonNode> boms, List<JsonNode> scans, JsonNode decision,
            List<VerifiedAttestation> attestations, InputDocument.Signing signing, List<String> problems) {
    }

    /**
     * Reads and verifies the attestations of {@code artifact} with {@code keys}; {@code verification} is what the
     * signature check found for it. {@code scanner}, when not null, is the advisory database opened once by a caller
     * that rescans many images (one scan at a time on it), used instead of opening --db again.
     */
    public Evidence gather(Artifact artifact, SignatureStore store, TrustedKeys keys, Verification verification, Scanner scanner) {
        // An index's SBOMs and scans are attested on its images, checked below; it may carry none itself.
        Verification ofImage = artifact instanceof Artifact.Multi ? verification.without(Problem.Kind.NO_ATTESTATIONS) : verification;
        return gather(artifact, store, keys, Checked.of(ofImage, keys), scanner);
    }

    private Evidence gather(Artifact artifact, SignatureStore store, TrustedKeys keys, Checked checked, Scanner scanner) {
        List<String> problems = new ArrayList<>(checked.problems());
        Digest digest = artifact.descriptor().digest();
        List<PlatformImage> images = PlatformImage.of(artifact);
        List<JsonNode> boms = new ArrayList<>();
        List<JsonNode> scans = new ArrayList<>();
        AttestedPredicates ofIndex = AttestedPredicates.read(store, digest, keys);
        List<VerifiedAttestation> attestations = new ArrayList<>(ofIndex.attestations());
        JsonNode decision = ofIndex.predicate(DecisionRecord.PREDICATE_TYPE);
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
            JsonNode scan = database != null ? rescan(bom, platform, scanner)
                    : attested.predicate(InTotoStatement.VULN) == null ? null
                    : attested.predicate(InTotoStatement.VULN).path("scanner").path("result");
            if (scan == null) {
                problems.add(platform + ": no verified vulnerability attestation (give --db to scan the SBOM)");
            } else {
                scans.add(PlatformFindings.of(scan, p));
            }
            if (decision == null) {
                decision = attested.predicate(DecisionRecord.PREDICATE_TYPE);
            }
        }
        if (checked.signedByTrustedKey()) {
            BuildKitAttestations buildKit = BuildKitAttestations.of(artifact);
            attestations.addAll(buildKit.attestations());
            problems.addAll(buildKit.failures());
        }
        ObjectNode described = problems.isEmpty() ? ImageSection.described(artifact, images) : null;
        return new Evidence(described, boms, scans, decision, attestations, checked.signing(), problems);
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
        List<JsonNode> scans = evidence.scans().stream().<JsonNode>map(JsonNode::deepCopy).toList();
        ObjectNode input = InputDocument.build(image, evidence.boms(), scans, evidence.signing(),
                evidence.attestations(), Instant.now(), params(evidence.decision()), env);
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
        all.append("namespace ").append(namespace).append("\nrego ").append(regoVersion).append("\nfail-on-warn ")
                .append(failOnWarn).append('\n');
        waivers.forEach(w -> all.append("waiver ").append(w).append('\n'));
        if (!waivers.isEmpty()) {
            all.append("today ").append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).append('\n');
        }
        vex.files().forEach(f -> all.append("vex ").append(f).append('\n'));
        all.append("db ").append(database != null);
        return Digest.sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** --param wins; otherwise the parameters the push recorded in its decision, so thresholds stay the same. */
    private Map<String, String> params(JsonNode decision) {
        Map<String, String> out = new LinkedHashMap<>();
        if (decision != null) {
            decision.path("input").path("params").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return Params.merge(out, params);
    }

    private JsonNode rescan(JsonNode bom, Digest image, Scanner shared) {
        CycloneDxInput sbom = CycloneDxInput.fromBom((ObjectNode) bom, "SBOM attestation of " + image);
        if (shared != null) {
            synchronized (shared) {
                return JsonReport.document(shared.scan(sbom.packages(), sbom.os()));
            }
        }
        try (Scanner scanner = openDatabase()) {
            ScanResult result = scanner.scan(sbom.packages(), sbom.os());
            return JsonReport.document(result);
        }
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
