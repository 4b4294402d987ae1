package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import dev.gate.pipeline.publish.Destination;
import dev.gate.signing.Problem;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.oci.SignatureStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenVEX documents an image carries as attestations signed by a trusted key ({@code gate attest --type openvex},
 * {@code cosign attest --type openvex}), applied as {@code --vex} documents are, after them. Only verified attestations
 * ever reach here, and of those only key- or identity-signed ones count: BuildKit's unsigned statements are vouched for
 * as build output, not as a judgement that a finding does not matter. A trusted document gate cannot read is a problem
 * of the image, never skipped in silence.
 */
public final class AttestedVex {

    /** The documents as {@code input.vex} lists them (with where each came from), and what could not be read. */
    public record Found(VexStatements.Documents documents, List<Problem> problems) {}

    private AttestedVex() {}

    public static Found of(List<VerifiedAttestation> attestations) {
        List<VexStatements.Statement> statements = new ArrayList<>();
        List<ObjectNode> listed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (VerifiedAttestation a : attestations) {
            if (a.signer() == null || !VexStatements.isOpenVexType(a.predicateType())) {
                continue;
            }
            String where = "OpenVEX attestation " + a.statement() + " of " + a.subject();
            try {
                statements.addAll(VexFormats.openVexDocument(a.predicate(), where, "attestation " + a.statement()));
                listed.add(entry(a));
            } catch (GateException e) {
                problems.add(Problem.of(e));
            }
        }
        return new Found(
                new VexStatements.Documents(List.copyOf(statements), List.copyOf(listed)), List.copyOf(problems));
    }

    /**
     * The OpenVEX attestations {@code source} (a registry image or an {@code oci:} layout) holds for {@code artifact}
     * and each image it lists, verified with {@code keys}: what {@code gate push --vex-key} applies. A source that keeps
     * no attestations is an input error; an image without any simply has none.
     */
    public static VexStatements.Documents ofSource(
            String source, Artifact artifact, TrustedKeys keys, RegistryOptions options) {
        SignatureStore store;
        try {
            store = Destination.parse(source, options).signatures();
        } catch (GateException e) {
            throw GateException.input("--vex-key reads the attestations of a registry image or an oci: layout, not of "
                    + SafeText.of(source));
        }
        Digest top = artifact.descriptor().digest();
        List<VerifiedAttestation> found =
                new ArrayList<>(AttestedPredicates.read(store, top, keys).attestations());
        for (PlatformImage image : PlatformImage.of(artifact)) {
            if (!image.descriptor().digest().equals(top)) {
                found.addAll(AttestedPredicates.read(store, image.descriptor().digest(), keys)
                        .attestations());
            }
        }
        Found vex = of(found);
        if (!vex.problems().isEmpty()) {
            throw GateException.input("--vex-key: " + vex.problems().get(0).message());
        }
        return vex.documents();
    }

    /** {@code sha256} is the signed statement's, which {@code cosign verify-attestation} prints as the payload. */
    private static ObjectNode entry(VerifiedAttestation a) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        ObjectNode from = entry.putObject("attestation");
        from.put("predicateType", a.predicateType())
                .put("source", a.source())
                .put("subject", a.subject().toString());
        from.set("signer", a.json().get("signer"));
        entry.put("sha256", a.statement().hex());
        return entry;
    }
}
