package dev.gate.cli.sign;

import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.RegistrySignatureStore;

/** The image a signing command works on: its repository, resolved digest and signature store. */
record SignTarget(Reference reference, Digest digest, CosignAttacher attacher) {

    static SignTarget open(String image, RegistryOptions options) {
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, options);
        Digest digest = client.headManifest(reference.identifier())
                .or(() -> client.getManifest(reference.identifier()).map(RegistryClient.Manifest::descriptor))
                .orElseThrow(() -> GateException.input(image + ": no such image in the registry"))
                .digest();
        if (reference.digest() != null && !reference.digest().equals(digest)) {
            throw GateException.input(image + ": registry returned digest " + digest);
        }
        return new SignTarget(reference, digest, new CosignAttacher(new RegistrySignatureStore(client)));
    }

    /** What the signed claims name: {@code registry/repository}, as cosign writes docker-reference. */
    String repository() {
        return reference.name();
    }
}
