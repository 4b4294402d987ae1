package dev.gate.cli.policy;

import dev.gate.cli.push.RegistryFlags;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.bundle.PolicyBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate policy pull REF DIR --policy-key K}: fetches a policy bundle, verified (or keyless), into an empty folder. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description =
                "Fetch a signed policy bundle from a registry into an empty (or new) folder, after verifying its signature.")
public final class PolicyPullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "REF",
            description = "registry/repository:tag or @sha256:... (oci:// optional).")
    String reference;

    @Parameters(index = "1", paramLabel = "DIR", description = "Empty or new folder to unpack the bundle into.")
    Path dir;

    @Mixin
    PolicyTrustFlags trust = new PolicyTrustFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        String text = reference.startsWith(PolicyBundles.SCHEME) ? reference : PolicyBundles.SCHEME + reference;
        var ref = PolicySources.reference(text);
        if (!trust.given()) {
            throw GateException.input(
                    "give --policy-key FILE, or --policy-trusted-root with --policy-certificate-identity and "
                            + "--policy-certificate-oidc-issuer, to verify the bundle");
        }
        var keys = trust.trusted();
        prepare(dir);
        PolicyBundles.Fetched fetched;
        try {
            fetched = PolicyBundles.fetch(ref, registry.toOptions(), keys, dir.toAbsolutePath());
        } catch (RuntimeException e) {
            PolicySources.deleteQuietly(dir, true); // the folder was empty: half a bundle is not left in it
            throw e;
        }
        spec.commandLine()
                .getOut()
                .println("Pulled " + fetched.contents().files() + " files of " + PolicyBundles.SCHEME
                        + fetched.bundle().pinned() + " (signed by "
                        + SafeText.of(fetched.bundle().signer().describe()) + ") into " + dir);
        return 0;
    }

    /** Nothing of the user's is overwritten: the folder is new or empty. */
    private static void prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent())
                        throw GateException.input(dir + ": not empty; pull into a new or empty folder");
                }
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw GateException.input(dir + ": cannot use: " + e.getMessage());
        }
    }
}
