package dev.gate.cli.policy;

import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sign.KeyFiles;
import dev.gate.image.GateException;
import dev.gate.pipeline.bundle.PolicyArchive;
import dev.gate.pipeline.bundle.PolicyBundles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gate policy push DIR REF --key K}: publishes a folder of policies as a signed bundle in a registry. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Publish a folder of policies (*.rego, data.json|yaml, waivers/*.yaml) as a signed OCI artifact; "
                + "CI pins it with --policy oci://REF@sha256:... --policy-key KEY.")
public final class PolicyPushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of policies, data and waivers.")
    Path dir;

    @Parameters(index = "1", paramLabel = "REF", description = "Where to publish: registry/repository:tag.")
    String reference;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "cosign private key the bundle is signed with.")
    Path key;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        PolicyArchive.Contents contents = PolicyArchive.contents(dir);
        String text = reference.startsWith(PolicyBundles.SCHEME) ? reference : PolicyBundles.SCHEME + reference;
        var ref = PolicySources.reference(text);
        if (ref.tag() == null || ref.digest() != null) {
            throw GateException.input(reference + ": name the bundle's tag, registry/repository:tag (its digest is printed)");
        }
        PolicyBundles.Pinned pinned = PolicyBundles.publish(contents, ref, registry.toOptions(), KeyFiles.loadPrivate(key));
        spec.commandLine().getOut().println("Published " + contents.files() + " files as " + PolicyBundles.SCHEME + pinned.pinned()
                + " (signed by key " + pinned.keyId() + ", tagged " + ref.tag() + ")");
        return 0;
    }
}
