package dev.gate.cli.sign;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;

/** The image a signing command works on: its repository, resolved digest and signature store. */
record SignTarget(Reference reference, Descriptor descriptor, CosignAttacher attacher, SignatureStore store) {

    static SignTarget open(String image, RegistryOptions options) {
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, options);
        // GET rather than HEAD: the digest is computed from the bytes, not taken from a header.
        Descriptor descriptor = client.getManifest(reference.identifier()).map(RegistryClient.Manifest::descriptor)
                .orElseThrow(() -> GateException.input(image + ": no such image in the registry"));
        if (reference.digest() != null && !reference.digest().equals(descriptor.digest())) {
            throw GateException.input(image + ": registry returned digest " + descriptor.digest());
        }
        SignatureStore store = new RegistrySignatureStore(client);
        return new SignTarget(reference, descriptor, new CosignAttacher(store), store);
    }

    Digest digest() {
        return descriptor.digest();
    }

    /** What the signed claims name: {@code registry/repository}, as cosign writes docker-reference. */
    String repository() {
        return reference.name();
    }
}
