package dev.gate.cli.sign;

import dev.gate.cli.push.RegistryFlags;
import dev.gate.signing.CosignKeyPair;
import dev.gate.image.Digest;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
import java.util.Base64;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate sign --key K IMAGE}: a cosign signature in {@code sha256-<hex>.sig}. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign an image in a registry as cosign sign --key does (appends to sha256-<hex>.sig).")
public final class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "cosign private key file.")
    Path key;

    @Parameters(paramLabel = "IMAGE", description = "registry/repository[:tag|@digest]")
    String image;

    @Option(names = "--bundle", description = "Also publish a sigstore bundle v0.3 as an OCI referrer of the image.")
    boolean bundle;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        CosignKeyPair pair = KeyFiles.loadPrivate(key);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        CosignLayer layer = ImageSignatures.signatureLayer(pair, target.repository(), target.digest());
        boolean added = target.attacher().append(CosignAttacher.signatureTag(target.digest()), layer);
        if (bundle) {
            byte[] signature = Base64.getDecoder().decode(layer.annotations().get(CosignLayer.SIGNATURE_ANNOTATION));
            byte[] json = SigstoreBundles.messageSignature(pair.publicKey(), layer.content(), signature);
            Digest referrer = Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE, json, target.descriptor());
            spec.commandLine().getOut().println("Bundle published as referrer " + referrer);
        }
        spec.commandLine().getOut().println((added ? "Signed " : "Already signed ") + target.repository() + "@" + target.digest());
        return 0;
    }
}
