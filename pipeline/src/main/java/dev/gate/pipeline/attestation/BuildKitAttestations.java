package dev.gate.pipeline.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.MediaTypes;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.signing.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-toto statements {@code docker buildx} stores in an index as attestation manifests (SLSA provenance, SBOMs),
 * each beside the image it describes ({@code vnd.docker.reference.digest}). BuildKit does not sign them: they are
 * only as trustworthy as the index that lists them, so the policy gets them only when a trusted signer signed that
 * index, whose digest covers each statement's bytes.
 */
public final class BuildKitAttestations {

    static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
    /** A statement larger than this is refused rather than read into memory. */
    private static final long MAX_STATEMENT = 16L << 20;

    private final List<VerifiedAttestation> attestations = new ArrayList<>();
    private final List<Problem> failures = new ArrayList<>();

    private BuildKitAttestations() {}

    /** The statements of every attestation manifest in the artifact's index (none for a single image). */
    public static BuildKitAttestations of(Artifact artifact) {
        BuildKitAttestations found = new BuildKitAttestations();
        if (artifact instanceof Artifact.Multi multi) {
            found.collect(multi.index());
        }
        return found;
    }

    public List<VerifiedAttestation> attestations() {
        return List.copyOf(attestations);
    }

    /** Attestation manifests that could not be read, or whose statements are about other images. */
    public List<Problem> failures() {
        return List.copyOf(failures);
    }

    private void collect(ImageIndex index) {
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                collect(index.index(child.digest()));
            } else if (MediaTypes.isManifest(child.mediaType())) {
                Image image = index.image(child.digest());
                if (PlatformImage.isAttestation(child, image)) {
                    try {
                        read(child, image);
                    } catch (GateException e) {
                        failures.add(Problem.of(e));
                    }
                }
            }
        }
    }

    private void read(Descriptor entry, Image manifest) {
        String where = "attestation manifest " + entry.digest();
        Digest subject = parse(entry.annotations().get(REFERENCE_DIGEST), where);
        for (Blob layer : manifest.layers()) {
            JsonNode statement = Statements.about(
                    bytes(layer, where),
                    subject,
                    where + " layer " + layer.descriptor().digest());
            attestations.add(new VerifiedAttestation(
                    statement.path("predicateType").asText(),
                    statement.path("predicate"),
                    null,
                    VerifiedAttestation.BUILDKIT,
                    subject,
                    layer.descriptor().digest()));
        }
    }

    private static Digest parse(String digest, String where) {
        if (digest == null) {
            throw GateException.input(where + ": no " + REFERENCE_DIGEST + " annotation naming the image it describes");
        }
        try {
            return Digest.parse(digest);
        } catch (GateException e) {
            throw GateException.input(where + ": " + REFERENCE_DIGEST + " is not a digest");
        }
    }

    /** The layer's bytes, checked against the digest the signed index covers. */
    private static byte[] bytes(Blob layer, String where) {
        Descriptor d = layer.descriptor();
        if (d.size() > MAX_STATEMENT) {
            throw GateException.input(
                    where + ": statement " + d.digest() + " is " + d.size() + " bytes, over " + MAX_STATEMENT);
        }
        byte[] bytes;
        try (InputStream in = layer.open()) {
            bytes = in.readNBytes((int) MAX_STATEMENT + 1);
        } catch (IOException e) {
            throw GateException.operational(where + ": cannot read statement " + d.digest() + ": " + e.getMessage(), e);
        }
        if (!Digest.sha256(bytes).equals(d.digest())) {
            throw GateException.input(where + ": statement " + d.digest() + " does not match its digest");
        }
        return bytes;
    }
}
