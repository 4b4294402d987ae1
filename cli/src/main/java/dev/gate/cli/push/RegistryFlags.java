package dev.gate.cli.push;

import dev.gate.errors.GateException;
import dev.gate.image.registry.CredentialStore;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.UploadSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Registry options, spelled the same on every command that talks to a registry. */
public final class RegistryFlags {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
    private static final long MIN_CHUNK = 64 * 1024;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(|ms|s|m)");

    @Option(
            names = "--insecure-registry",
            paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (loopback registries always may). Repeatable.")
    List<String> insecure = List.of();

    @Option(
            names = "--registry-ca",
            paramLabel = "FILE",
            description = "Also trust the CA certificates in this PEM file for registries served over TLS.")
    Path registryCa;

    @Option(
            names = "--authfile",
            paramLabel = "FILE",
            description =
                    "Registry credentials file (docker config.json or containers auth.json format) to use instead of "
                            + "the usual places; gate login writes it.")
    Path authFile;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            defaultValue = "4",
            description = "Blobs uploaded at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(
            names = "--chunk-size",
            paramLabel = "SIZE",
            description = "Upload blobs larger than SIZE (e.g. 16MiB) in resumable chunks of SIZE. "
                    + "Default: one request per blob up to 1 GiB, 64 MiB chunks above.")
    String chunkSize;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description =
                    "Give up on a registry that takes longer to connect, or stays silent longer in the middle of a "
                            + "request, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}). A slow but steady transfer is not cut.")
    String timeout;

    public RegistryOptions toOptions() {
        if (authFile != null && !Files.isRegularFile(authFile)) {
            throw GateException.input("--authfile " + authFile + ": no such file");
        }
        return optionsForLogin();
    }

    /** The options, with an --authfile that need not exist yet: a login creates it. */
    public RegistryOptions optionsForLogin() {
        if (jobs < 1 || jobs > 64) {
            throw GateException.input("--jobs must be between 1 and 64, got " + jobs);
        }
        Set<String> hosts = new LinkedHashSet<>(insecure);
        RegistryOptions options = RegistryOptions.defaults()
                .withJobs(jobs)
                .withInsecure(hosts)
                .withTimeout(parseDuration(timeout))
                .withCredentials(credentials());
        if (chunkSize != null) {
            options = options.withUploads(UploadSizes.chunked(parseSize(chunkSize)));
        }
        if (registryCa != null) {
            if (!Files.isRegularFile(registryCa)) {
                throw GateException.input("--registry-ca " + registryCa + ": no such file");
            }
            options = options.withExtraCa(registryCa);
        }
        return options;
    }

    /** Where credentials are looked up: the --authfile alone, or the files docker and podman use, in their order. */
    public CredentialStore credentials() {
        return authFile != null ? new CredentialStore(List.of(authFile)) : CredentialStore.fromEnvironment();
    }

    /** A duration from {@code 60}, {@code 60s}, {@code 2m} or {@code 500ms}; between 1 ms and 1 hour. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw GateException.input("--timeout '" + text + "' is not a duration such as 60s, 2m or 500ms");
        }
        long value = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(value);
            case "m" -> Duration.ofMinutes(value);
            default -> Duration.ofSeconds(value);
        };
        if (duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw GateException.input("--timeout '" + text + "' must be between 1ms and 1h");
        }
        return duration;
    }

    /** Bytes from {@code 1048576}, {@code 512k}, {@code 16MiB} or {@code 1g} (binary multiples). */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw GateException.input("--chunk-size '" + text + "' is not a size such as 16MiB, 512KiB or 1048576");
        }
        int shift = switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw GateException.input("--chunk-size '" + text + "' is too large");
        }
        if (value < MIN_CHUNK) {
            throw GateException.input("--chunk-size '" + text + "' is below the 64KiB minimum");
        }
        return value;
    }
}
