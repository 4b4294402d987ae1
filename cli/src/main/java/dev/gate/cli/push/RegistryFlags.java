package dev.gate.cli.push;

import dev.gate.image.registry.RegistryOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Registry options, spelled the same on every command that talks to a registry. */
public final class RegistryFlags {

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (loopback registries always may). Repeatable.")
    List<String> insecure = List.of();

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "Blobs uploaded at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    public RegistryOptions toOptions() {
        if (jobs < 1 || jobs > 64) {
            throw dev.gate.image.GateException.input("--jobs must be between 1 and 64, got " + jobs);
        }
        Set<String> hosts = new LinkedHashSet<>(insecure);
        return RegistryOptions.defaults().withJobs(jobs).withInsecure(hosts);
    }
}
