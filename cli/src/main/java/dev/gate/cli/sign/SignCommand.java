package dev.gate.cli.sign;

import dev.gate.cli.push.RegistryFlags;
import dev.gate.signing.CosignKeyPair;
import dev.gate.image.Digest;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.GateException;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.KeylessImageSigner;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
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

    @Option(names = "--key", paramLabel = "FILE", description = "cosign private key file.")
    Path key;

    @Option(names = "--keyless", description = "Sign keyless on sigstore public-good (Fulcio + Rekor; needs the network "
            + "and an OIDC token from --identity-token or the CI environment); the bundle is published as a referrer.")
    boolean keyless;

    @Option(names = "--identity-token", paramLabel = "JWT", description = "OIDC identity token for --keyless.")
    String identityToken;

    @Parameters(paramLabel = "IMAGE", description = "registry/repository[:tag|@digest], or an OCI layout oci:DIR:TAG")
    String image;

    @Option(names = "--bundle", description = "Also publish the signature as a sigstore bundle v0.3 referrer of the image, "
            + "as cosign 3 signs (a DSSE statement of type https://sigstore.dev/cosign/sign/v1).")
    boolean bundle;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        if (keyless) {
            return signKeyless();
        }
        if (key == null) {
            throw GateException.input("give --key FILE, or --keyless");
        }
        CosignKeyPair pair = KeyFiles.loadPrivate(key);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        CosignLayer layer = ImageSignatures.signatureLayer(pair, target.repository(), target.digest());
        MergedWrites writes = MergedWrites.standard();
        boolean added = target.attacher(writes).append(CosignAttacher.signatureTag(target.digest()), layer,
                ImageSignatures.sameKeyAndPayload(pair, layer));
        Digest referrer = null;
        if (bundle) {
            byte[] json = ImageSignatures.signatureBundle(pair, target.repository(), target.digest());
            referrer = Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE, json, target.descriptor(), writes);
        }
        writes.confirm();
        if (referrer != null) {
            spec.commandLine().getOut().println("Bundle published as referrer " + referrer);
        }
        spec.commandLine().getOut().println((added ? "Signed " : "Already signed ") + target.repository() + "@" + target.digest());
        return 0;
    }

    private int signKeyless() {
        if (key != null) {
            throw GateException.input("--key and --keyless exclude each other");
        }
        if (identityToken == null && !KeylessEnvironment.hasAmbientToken()) {
            throw GateException.input("--keyless needs an OIDC token: --identity-token, or run in GitHub Actions with id-token: write");
        }
        SignTarget target = SignTarget.open(image, registry.toOptions());
        String json = KeylessImageSigner.sign(target.repository(), target.digest(), identityToken);
        Digest referrer = Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE,
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), target.descriptor());
        spec.commandLine().getOut().println("Signed keyless " + target.repository() + "@" + target.digest()
                + "; bundle published as referrer " + referrer);
        return 0;
    }
}
