package dev.gate.image.registry;

import java.util.Set;

/**
 * How to talk to registries: which hosts may use plain HTTP besides loopback, how many blobs to
 * upload at once, and where credentials come from.
 */
public record RegistryOptions(Set<String> insecureRegistries, int jobs, CredentialStore credentials) {

    public static final int DEFAULT_JOBS = 4;

    public RegistryOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(Set.of(), DEFAULT_JOBS, CredentialStore.fromEnvironment());
    }

    public RegistryOptions withJobs(int newJobs) {
        return new RegistryOptions(insecureRegistries, newJobs, credentials);
    }

    public RegistryOptions withInsecure(Set<String> hosts) {
        return new RegistryOptions(hosts, jobs, credentials);
    }
}
