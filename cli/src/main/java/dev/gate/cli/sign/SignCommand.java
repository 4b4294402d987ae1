package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import dev.gate.image.merge.MergedWrites;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.signing.BundleDuplicates;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.KeylessSigning;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate sign --key K IMAGE}: a cosign signature in {@code sha256-<hex>.sig}, for an index also each image's. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description =
                "Sign an image in a registry as cosign sign --key does (appends to sha256-<hex>.sig); an index is "
                        + "signed with each image it lists, as cosign sign --recursive does. Signing again with the same key adds "
                        + "nothing.")
public final class SignCommand implements Callable<Integer> {

    private final Environment environment;

    SignCommand(Environment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SigningFlags signing = new SigningFlags();

    @Parameters(paramLabel = "IMAGE", description = "registry/repository[:tag|@digest], or an OCI layout oci:DIR:TAG")
    String image;

    @Option(
            names = "--bundle",
            description = "Also publish the signature as a sigstore bundle v0.3 referrer of the image, "
                    + "as cosign 3 signs (a DSSE statement of type https://sigstore.dev/cosign/sign/v1).")
    boolean bundle;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        signing.refuseTokenWithoutKeyless();
        if (signing.keyless()) {
            return signKeyless();
        }
        if (signing.key() == null) {
            throw GateException.input("give --key FILE, or --keyless");
        }
        CosignKeyPair pair = KeyFiles.loadPrivate(signing.key(), environment);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        MergedWrites writes = MergedWrites.standard();
        List<String> lines = new ArrayList<>();
        for (Descriptor signed : signedManifests(target)) {
            CosignLayer layer = ImageSignatures.signatureLayer(pair, target.repository(), signed.digest());
            boolean added = target.attacher(writes)
                    .append(
                            CosignAttacher.signatureTag(signed.digest()),
                            layer,
                            ImageSignatures.sameKeyAndPayload(pair, layer));
            if (bundle) {
                lines.add(publishBundle(target, pair, signed, writes));
            }
            lines.add((added ? "Signed " : "Already signed ") + target.repository() + "@" + signed.digest());
        }
        writes.confirm();
        lines.forEach(spec.commandLine().getOut()::println);
        return 0;
    }

    /** Publishes the signature bundle unless this key's is there already; says which. */
    private static String publishBundle(SignTarget target, CosignKeyPair pair, Descriptor signed, MergedWrites writes) {
        InTotoStatement statement = ImageSignatures.signatureStatement(target.repository(), signed.digest());
        Optional<Digest> existing = BundleDuplicates.find(target.store(), pair, statement);
        if (existing.isPresent()) {
            return "Bundle already published as referrer " + existing.get();
        }
        byte[] json = ImageSignatures.signatureBundle(pair, target.repository(), signed.digest());
        return "Bundle published as referrer "
                + Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE, json, signed, writes);
    }

    /**
     * The image, and for an index each image it lists, as {@code cosign sign --recursive} and {@code gate push} sign
     * them: a platform's image pulled by digest is then verified on its own. BuildKit's attestation entries are no
     * images and are left unsigned; the index's signature covers them.
     */
    private static List<Descriptor> signedManifests(SignTarget target) {
        List<Descriptor> manifests = new ArrayList<>();
        manifests.add(target.descriptor());
        if (target.artifact() instanceof Artifact.Multi) {
            PlatformImage.of(target.artifact()).forEach(p -> manifests.add(p.descriptor()));
        }
        return manifests;
    }

    /** Keyless, the image (and each image an index lists) gets its own bundle referrer, as with a key. */
    private int signKeyless() {
        KeylessSigning keyless = signing.keylessService(environment);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        List<String> lines = new ArrayList<>();
        try (KeylessSigning service = keyless) {
            for (Descriptor signed : signedManifests(target)) {
                byte[] json = service.signImage(target.repository(), signed.digest())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Digest referrer = Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE, json, signed);
                lines.add("Signed keyless " + SafeText.of(target.repository()) + "@" + signed.digest()
                        + "; bundle published as referrer " + referrer);
            }
        }
        lines.forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
