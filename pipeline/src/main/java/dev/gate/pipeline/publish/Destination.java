package dev.gate.pipeline.publish;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import dev.gate.pipeline.input.ImageName;
import dev.gate.signing.oci.SignatureStore;
import java.nio.file.Path;

/**
 * Where the gate publishes an image, in three steps the pipeline keeps apart so the tag comes
 * last: the image by digest, then signatures and attestations beside it, then the tag.
 */
public interface Destination {

    /** The destination as the user wrote it, for messages. */
    String describe();

    ImageName name();

    /** Blobs and manifests, children before their index, without the tag. */
    PushReport pushByDigest(Artifact artifact, PushListener listener);

    /** Where {@code sha256-<hex>.sig}/{@code .att} manifests and referrers of the image go. */
    SignatureStore signatures();

    /** Points the tag at the artifact; a destination without a tag does nothing. */
    void tag(Artifact artifact);

    static Destination parse(String location, RegistryOptions options) {
        return parse(location, options, null);
    }

    /**
     * {@code publishedAs}: for an OCI layout, the registry reference the image will be published
     * under later; the policies and signatures then name that, not the directory.
     */
    static Destination parse(String location, RegistryOptions options, String publishedAs) {
        if (location.startsWith("oci:")) {
            String rest = location.substring("oci:".length());
            int colon = rest.indexOf(':');
            String dir = colon < 0 ? rest : rest.substring(0, colon);
            String tag = colon < 0 || colon == rest.length() - 1 ? null : rest.substring(colon + 1);
            if (dir.isEmpty()) {
                throw GateException.input("'" + location + "' names no directory: expected oci:DIR[:TAG]");
            }
            ImageName name = publishedAs == null ? null : ImageName.of(Reference.parse(publishedAs));
            if (name != null && !java.util.Objects.equals(name.tag(), tag)) {
                throw GateException.input("--name " + publishedAs + " and " + location + " name different tags");
            }
            return new LayoutDestination(location, Path.of(dir), tag, name);
        }
        String ref = location.startsWith("docker://") ? location.substring("docker://".length()) : location;
        int colon = ref.indexOf(':');
        if (colon > 0 && ref.substring(0, colon).matches("oci-archive|docker-archive|docker-daemon")) {
            throw GateException.input(
                    "'" + location + "': the gate publishes to registries and oci:DIR[:TAG] layouts only");
        }
        if (publishedAs != null) {
            throw GateException.input(
                    "--name is for oci:DIR[:TAG] destinations; a registry destination names the image itself");
        }
        return new RegistryDestination(Reference.parse(ref), options);
    }
}
