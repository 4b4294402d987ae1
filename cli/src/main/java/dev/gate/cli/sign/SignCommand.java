package dev.gate.cli.sign;

import dev.gate.cli.push.RegistryFlags;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageSignatures;
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

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        CosignKeyPair pair = KeyFiles.loadPrivate(key);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        boolean added = ImageSignatures.sign(target.attacher(), pair, target.repository(), target.digest());
        spec.commandLine().getOut().println((added ? "Signed " : "Already signed ") + target.repository() + "@" + target.digest());
        return 0;
    }
}
