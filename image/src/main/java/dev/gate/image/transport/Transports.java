package dev.gate.image.transport;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.archive.DockerArchiveSource;
import dev.gate.image.archive.OciArchiveSource;
import dev.gate.image.daemon.DaemonSource;
import dev.gate.image.layout.LayoutSink;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySink;
import dev.gate.image.registry.RegistrySource;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses image locations as skopeo spells them ({@code oci:DIR[:TAG]}, {@code docker://REF}, ...)
 * into sources and sinks.
 */
public final class Transports {

    /** Transports gate knows, in the order help texts list them. */
    public static final List<String> KNOWN = List.of("oci", "oci-archive", "docker-archive", "docker-daemon", "docker");

    private Transports() {}

    public static ImageSource source(String location) {
        return source(location, RegistryOptions.defaults());
    }

    public static ImageSource source(String location, RegistryOptions registries) {
        Location parsed = Location.parse(location);
        return switch (parsed.transport()) {
            case "oci" -> new LayoutSource(Path.of(parsed.path()), parsed.qualifier());
            case "oci-archive" -> new OciArchiveSource(Path.of(parsed.path()), parsed.qualifier());
            case "docker-archive" -> new DockerArchiveSource(Path.of(parsed.path()), parsed.qualifier());
            case "docker-daemon" -> new DaemonSource(parsed.path(), System.getenv("DOCKER_HOST"));
            case "docker" -> RegistrySource.open(Reference.parse(parsed.path()), registries);
            default -> throw unsupported(parsed, "source");
        };
    }

    public static ImageSink sink(String location) {
        return sink(location, RegistryOptions.defaults());
    }

    public static ImageSink sink(String location, RegistryOptions registries) {
        Location parsed = Location.parse(location);
        return switch (parsed.transport()) {
            case "oci" -> new LayoutSink(Path.of(parsed.path()), parsed.qualifier());
            case "docker" -> new RegistrySink(Reference.parse(parsed.path()), registries);
            default -> throw unsupported(parsed, "destination");
        };
    }

    private static GateException unsupported(Location location, String role) {
        return GateException.input("transport '" + location.transport() + ":' is not supported as a " + role
                + " (destinations: oci:DIR[:TAG] and registries, docker://REF or a bare REF)");
    }

    /** A location split into its transport, path and optional tag or reference. */
    record Location(String transport, String path, String qualifier) {

        static Location parse(String location) {
            if (location == null || location.isBlank()) {
                throw GateException.input("image location is empty");
            }
            if (location.startsWith("docker://")) {
                return new Location("docker", location.substring("docker://".length()), null);
            }
            int colon = location.indexOf(':');
            String prefix = colon < 0 ? "" : location.substring(0, colon);
            if (!KNOWN.contains(prefix)) {
                try {
                    Reference.parse(location);
                } catch (GateException notAReference) {
                    if (prefix.matches("[a-z][a-z0-9-]*")) {
                        throw GateException.input("unknown transport '" + prefix + ":' in '" + location + "' (known: "
                                + String.join(", ", KNOWN) + ")");
                    }
                    throw notAReference;
                }
                return new Location("docker", location, null);
            }
            String rest = location.substring(colon + 1);
            if (prefix.equals("docker-daemon")) {
                return new Location(prefix, rest, null);
            }
            int split = rest.indexOf(':');
            String path = split < 0 ? rest : rest.substring(0, split);
            String qualifier = split < 0 || split == rest.length() - 1 ? null : rest.substring(split + 1);
            if (path.isEmpty()) {
                throw GateException.input("'" + location + "' names no path: expected " + prefix + ":PATH[:TAG]");
            }
            return new Location(prefix, path, qualifier);
        }
    }
}
