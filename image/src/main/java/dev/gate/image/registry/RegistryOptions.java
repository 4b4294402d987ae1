package dev.gate.image.registry;

import dev.gate.image.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How to talk to registries: which hosts may use plain HTTP besides loopback, how many blobs to
 * upload at once, where credentials come from, how blobs are cut into requests, an extra CA
 * to trust (a private registry's) besides the system's, and how long a connection may stay silent
 * (connecting, or waiting for the next byte) before the request fails.
 */
public record RegistryOptions(
        Set<String> insecureRegistries,
        int jobs,
        CredentialStore credentials,
        UploadSizes uploads,
        Optional<Path> extraCa,
        Duration timeout) {

    public static final int DEFAULT_JOBS = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public RegistryOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public RegistryOptions(Set<String> insecureRegistries, int jobs, CredentialStore credentials) {
        this(insecureRegistries, jobs, credentials, UploadSizes.DEFAULT, Optional.empty(), DEFAULT_TIMEOUT);
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(Set.of(), DEFAULT_JOBS, CredentialStore.fromEnvironment());
    }

    public RegistryOptions withJobs(int newJobs) {
        return new RegistryOptions(insecureRegistries, newJobs, credentials, uploads, extraCa, timeout);
    }

    public RegistryOptions withInsecure(Set<String> hosts) {
        return new RegistryOptions(hosts, jobs, credentials, uploads, extraCa, timeout);
    }

    public RegistryOptions withCredentials(CredentialStore store) {
        return new RegistryOptions(insecureRegistries, jobs, store, uploads, extraCa, timeout);
    }

    public RegistryOptions withUploads(UploadSizes sizes) {
        return new RegistryOptions(insecureRegistries, jobs, credentials, sizes, extraCa, timeout);
    }

    public RegistryOptions withTimeout(Duration silence) {
        return new RegistryOptions(insecureRegistries, jobs, credentials, uploads, extraCa, silence);
    }

    /** Whether {@code host} (as references spell it, with its port) may be spoken to over plain HTTP. */
    public boolean plainHttpAllowed(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        return Reference.isLoopbackHost(name) || insecureRegistries.contains(host);
    }

    public RegistryOptions withExtraCa(Path caFile) {
        return new RegistryOptions(insecureRegistries, jobs, credentials, uploads, Optional.of(caFile), timeout);
    }
}
