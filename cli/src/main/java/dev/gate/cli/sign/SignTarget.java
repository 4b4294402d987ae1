package dev.gate.cli.sign;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySource;
import dev.gate.image.transport.Transports;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.publish.Destination;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;

/**
 * The image a signing command works on, in a registry or in an OCI layout that {@code gate push} wrote: how
 * signatures and the policy input name it, the image as stored, and where its signatures are kept.
 */
record SignTarget(ImageName name, Artifact artifact, SignatureStore store) {

    static SignTarget open(String image, RegistryOptions options) {
        return open(image, options, null);
    }

    /**
     * {@code publishedAs}: for {@code oci:DIR:TAG}, the reference the image was pushed into the layout under
     * ({@code gate push --name}); null names it after the directory, as the push did then.
     */
    static SignTarget open(String image, RegistryOptions options, String publishedAs) {
        // Neither a layout nor a registry source holds anything open, so the target keeps the artifact it
        // resolved, to be read later (a policy re-evaluation reads its config), without a source to close.
        if (image.startsWith("oci:")) {
            Destination layout = Destination.parse(image, options, publishedAs);
            if (layout.name().tag() == null) {
                throw GateException.input("'" + image + "': name the image's tag, oci:DIR:TAG");
            }
            return new SignTarget(
                    layout.name(), Transports.source(image, options).resolve(), layout.signatures());
        }
        if (publishedAs != null) {
            throw GateException.input("--name is for oci:DIR:TAG images; a registry reference names the image itself");
        }
        Reference reference =
                Reference.parse(image.startsWith("docker://") ? image.substring("docker://".length()) : image);
        // The manifest is read, not HEADed: the digest is computed from the bytes, not taken from a header.
        RegistrySource source = RegistrySource.open(reference, options);
        return new SignTarget(ImageName.of(reference), source.resolve(), new RegistrySignatureStore(source.client()));
    }

    Descriptor descriptor() {
        return artifact.descriptor();
    }

    Digest digest() {
        return descriptor().digest();
    }

    /** An attacher whose writes are confirmed with the others of {@code writes}. */
    CosignAttacher attacher(MergedWrites writes) {
        return new CosignAttacher(store, writes);
    }

    /** What the signed claims name: {@code registry/repository}, as cosign writes docker-reference. */
    String repository() {
        return name.signedName();
    }
}
