package dev.gate.image.registry;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How to talk to registries: which hosts may use plain HTTP besides loopback, how many blobs to
 * upload at once, where credentials come from, how blobs are cut into requests, and an extra CA
 * to trust (a private registry's) besides the system's.
 */
public record RegistryOptions(Set<String> insecureRegistries, int jobs, CredentialStore credentials,
                              UploadSizes uploads, Optional<Path> extraCa) {

    public static final int DEFAULT_JOBS = 4;

    public RegistryOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    public RegistryOptions(Set<String> insecureRegistries, int jobs, CredentialStore credentials) {
        this(insecureRegistries, jobs, credentials, UploadSizes.DEFAULT, Optional.empty());
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(Set.of(), DEFAULT_JOBS, CredentialStore.fromEnvironment());
    }

    public RegistryOptions withJobs(int newJobs) {
        return new RegistryOptions(insecureRegistries, newJobs, credentials, uploads, extraCa);
    }

    public RegistryOptions withInsecure(Set<String> hosts) {
        return new RegistryOptions(hosts, jobs, credentials, uploads, extraCa);
    }

    public RegistryOptions withCredentials(CredentialStore store) {
        return new RegistryOptions(insecureRegistries, jobs, store, uploads, extraCa);
    }

    public RegistryOptions withUploads(UploadSizes sizes) {
        return new RegistryOptions(insecureRegistries, jobs, credentials, sizes, extraCa);
    }

    public RegistryOptions withExtraCa(Path caFile) {
        return new RegistryOptions(insecureRegistries, jobs, credentials, uploads, Optional.of(caFile));
    }
}
