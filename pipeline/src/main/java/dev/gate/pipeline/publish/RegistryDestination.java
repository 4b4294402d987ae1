package dev.gate.pipeline.publish;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySink;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import dev.gate.pipeline.input.ImageName;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;

/** A repository in a registry; the image is pushed by digest and tagged by a separate manifest PUT. */
final class RegistryDestination implements Destination {

    private final Reference reference;
    private final RegistryOptions options;
    private RegistryClient client;

    RegistryDestination(Reference reference, RegistryOptions options) {
        this.reference = reference;
        this.options = options;
    }

    @Override
    public String describe() {
        return reference.toString();
    }

    @Override
    public ImageName name() {
        return ImageName.of(reference);
    }

    @Override
    public PushReport pushByDigest(Artifact artifact, PushListener listener) {
        if (reference.digest() != null
                && !reference.digest().equals(artifact.descriptor().digest())) {
            throw GateException.input(reference + " names a digest, but the source's digest is "
                    + artifact.descriptor().digest());
        }
        // A reference with a digest and no tag makes the sink write manifests by digest only.
        return new RegistrySink(reference.atDigest(artifact.descriptor().digest()), options).write(artifact, listener);
    }

    @Override
    public SignatureStore signatures() {
        return new RegistrySignatureStore(client());
    }

    @Override
    public void tag(Artifact artifact) {
        if (reference.tag() != null) {
            client().putManifest(reference.tag(), artifact.descriptor(), artifact.raw());
        }
    }

    private synchronized RegistryClient client() {
        if (client == null) {
            client = RegistryClient.open(reference, options);
        }
        return client;
    }
}
