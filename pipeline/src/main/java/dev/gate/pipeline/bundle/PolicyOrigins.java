package dev.gate.pipeline.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's policy files came from: local files name themselves; files of a policy bundle fetched from a registry
 * are named after the bundle's pinned digest ({@code oci://registry/repository@sha256:.../prod.rego}), not after the
 * private folder they were unpacked into, so a decision record says which published policies decided.
 */
public record PolicyOrigins(List<PolicyBundles.Fetched> bundles) {
    public static final PolicyOrigins LOCAL = new PolicyOrigins(List.of());

    public PolicyOrigins {
        bundles = List.copyOf(bundles);
    }

    public String name(Path file) {
        for (PolicyBundles.Fetched b : bundles) {
            Path root = b.contents().root();
            if (file.startsWith(root))
                return PolicyBundles.SCHEME + b.bundle().pinned() + "/"
                        + root.relativize(file).toString().replace('\\', '/');
        }
        return file.toString();
    }
}
