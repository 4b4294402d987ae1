package dev.gate.cli.policy;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.bundle.PolicyBundles;
import dev.gate.pipeline.bundle.PolicyOrigins;
import dev.gate.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code --policy} flags name, with policy bundles in a registry ({@code oci://REF}) fetched, verified with
 * {@code --policy-key} or a keyless signer's identity and unpacked into a private folder that is removed when gate exits. A bundle brings its Rego
 * files, its data and its waivers.
 */
public record PolicySources(List<Path> policies, List<Path> data, List<Path> waivers, PolicyOrigins origins) {

    /** {@code trusted}: the policy keys and keyless policy signer, whom every bundle named must be signed by. */
    public static PolicySources resolve(List<String> given, TrustedKeys trusted, RegistryOptions registries) {
        List<Path> policies = new ArrayList<>(), data = new ArrayList<>(), waivers = new ArrayList<>();
        List<PolicyBundles.Fetched> bundles = new ArrayList<>();
        for (String policy : given) {
            if (!PolicyBundles.isBundleReference(policy)) {
                policies.add(Path.of(policy));
                continue;
            }
            if (trusted.isEmpty()) {
                throw GateException.input(
                        "--policy " + policy + ": a policy bundle from a registry needs --policy-key FILE (or "
                                + "--policy-trusted-root with --policy-certificate-identity and --policy-certificate-oidc-issuer) to verify it");
            }
            Reference ref = reference(policy);
            PolicyBundles.Fetched fetched = PolicyBundles.fetch(ref, registries, trusted, privateFolder());
            bundles.add(fetched);
            // The bundle's folder, not its files one by one (its .manifest then decides their Rego dialect), or its
            // wasm bundle.
            policies.add(fetched.contents().policy());
            data.addAll(fetched.contents().data());
            waivers.addAll(fetched.contents().waivers());
        }
        if (!trusted.isEmpty() && bundles.isEmpty()) {
            throw GateException.input("--policy-key and --policy-trusted-root verify policy bundles: give --policy "
                    + "oci://REGISTRY/REPOSITORY[:TAG|@DIGEST]");
        }
        return new PolicySources(policies, data, waivers, new PolicyOrigins(bundles));
    }

    /** A bundle's own files first, so that files named on the command line are merged over them. */
    public static List<Path> concat(List<Path> fromBundles, List<Path> named) {
        List<Path> all = new ArrayList<>(fromBundles);
        all.addAll(named);
        return all;
    }

    static Reference reference(String policy) {
        String text = policy.substring(PolicyBundles.SCHEME.length());
        try {
            return Reference.parse(text);
        } catch (IllegalArgumentException | GateException e) {
            throw GateException.input("--policy " + policy + ": not a registry reference: " + e.getMessage());
        }
    }

    private static Path privateFolder() {
        try {
            Path dir = Files.createTempDirectory("gate-policy-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir, false)));
            return dir;
        } catch (IOException e) {
            throw GateException.operational("cannot make a folder for the policy bundle: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes what an unpacked bundle wrote under {@code dir} (and {@code dir} itself unless {@code keepFolder}), as far
     * as it can: at exit, or when a pull is refused, there is no one left to tell about a file that stayed.
     */
    static void deleteQuietly(Path dir, boolean keepFolder) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(p -> !keepFolder || !p.equals(dir))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // What is left is inside a folder gate made, or the one the user named for the bundle.
        }
    }
}
