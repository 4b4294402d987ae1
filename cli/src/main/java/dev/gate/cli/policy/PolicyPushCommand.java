package dev.gate.cli.policy;

import dev.gate.cli.Environment;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sign.KeyFiles;
import dev.gate.cli.sign.SigningFlags;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.bundle.PolicyArchive;
import dev.gate.pipeline.bundle.PolicyBundles;
import dev.gate.signing.KeylessSigning;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate policy push DIR REF --key K | --keyless}: publishes a folder of policies as a signed bundle in a registry. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description =
                "Publish a folder of policies (*.rego or one OPA wasm bundle, data.json|yaml, waivers/*.yaml) as a signed OCI artifact; "
                        + "CI pins it with --policy oci://REF@sha256:... and --policy-key KEY (or, keyless, --policy-trusted-root "
                        + "with --policy-certificate-identity and --policy-certificate-oidc-issuer).")
public final class PolicyPushCommand implements Callable<Integer> {

    private final Environment environment;

    PolicyPushCommand(Environment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of policies, data and waivers.")
    Path dir;

    @Parameters(index = "1", paramLabel = "REF", description = "Where to publish: registry/repository:tag.")
    String reference;

    @Mixin
    SigningFlags signing = new SigningFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        PolicyArchive.Contents contents = PolicyArchive.contents(dir);
        String text = reference.startsWith(PolicyBundles.SCHEME) ? reference : PolicyBundles.SCHEME + reference;
        var ref = PolicySources.reference(text);
        if (ref.tag() == null || ref.digest() != null) {
            throw GateException.input(
                    reference + ": name the bundle's tag, registry/repository:tag (its digest is printed)");
        }
        signing.refuseTokenWithoutKeyless();
        PolicyBundles.Pinned pinned;
        if (signing.keyless()) {
            try (KeylessSigning keyless = signing.keylessService(environment)) {
                pinned = PolicyBundles.publish(contents, ref, registry.toOptions(), keyless);
            }
        } else if (signing.key() != null) {
            pinned = PolicyBundles.publish(
                    contents, ref, registry.toOptions(), KeyFiles.loadPrivate(signing.key(), environment));
        } else {
            throw GateException.input("give --key FILE, or --keyless, to sign the policy bundle");
        }
        // The identity comes from the certificate the signing service issued: escaped like anything not typed here.
        spec.commandLine()
                .getOut()
                .println("Published " + contents.files() + " files as " + PolicyBundles.SCHEME + pinned.pinned()
                        + " (signed by " + SafeText.of(pinned.signer().describe()) + ", tagged " + ref.tag() + ")");
        return 0;
    }
}
