package dev.gate.sbom.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maven Central's search service asked for a jar by its SHA-1 ({@code q=1:"<sha1>"}), opt-in
 * ({@code --java-lookup}): only checksums leave the machine, never names or paths. Answers are cached, one
 * small file per checksum, found or not, so a rerun asks nothing; a cache folder that is not the user's own is
 * not used. An answer is bounded in size and time and
 * is used only when it names exactly one artifact; a service that cannot be reached stops the run (exit 3)
 * rather than leave jars unnamed without saying so.
 */
public final class MavenCentralLookup implements JavaIndex {

    public static final URI CENTRAL = URI.create("https://search.maven.org/solrsearch/select");
    static final int MAX_ANSWER = 1 << 20;
    static final int MAX_LOOKUPS = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.+-]{1,200}");
    private static final String NOT_FOUND = "-";

    private final URI endpoint;
    private final Path cache;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private int lookups;
    private Boolean cacheTrusted;

    /** {@code cache}: a folder of gate's own (created 0700 when missing). */
    public MavenCentralLookup(URI endpoint, Path cache) {
        this.endpoint = endpoint;
        this.cache = cache;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<MavenCoordinates> bySha1(String sha1) {
        if (!SHA1.matcher(sha1).matches()) {
            return Optional.empty();
        }
        Path cached = cache.resolve(sha1);
        try {
            if (cacheIsOurs() && Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
                return parseCached(
                        Files.readString(cached, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            // an unreadable entry is asked again
        }
        Optional<MavenCoordinates> answer = ask(sha1);
        remember(cached, answer.map(MavenCoordinates::toString).orElse(NOT_FOUND));
        return answer;
    }

    @Override
    public Set<String> groupsOf(String artifact, String version) {
        return Set.of(); // only checksums are sent
    }

    private Optional<MavenCoordinates> ask(String sha1) {
        if (++lookups > MAX_LOOKUPS) {
            return Optional.empty();
        }
        String query = "q=" + URLEncoder.encode("1:\"" + sha1 + "\"", StandardCharsets.UTF_8) + "&rows=20&wt=json";
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + query))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
                if (response.statusCode() != 200) {
                    throw GateException.operational(
                            "Maven Central search at " + endpoint.getHost() + " answered HTTP " + response.statusCode()
                                    + " to a SHA-1 look-up (--java-lookup)",
                            null);
                }
                if (bytes.length > MAX_ANSWER) {
                    throw GateException.operational(
                            "Maven Central search at " + endpoint.getHost() + " answered a SHA-1 look-up with over "
                                    + MAX_ANSWER + " bytes (--java-lookup)",
                            null);
                }
                return unique(json.readTree(bytes));
            }
        } catch (IOException e) {
            throw GateException.operational(
                    "Maven Central search at " + endpoint.getHost() + " could not be asked (--java-lookup): "
                            + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while asking Maven Central search", e);
        }
    }

    /** The one artifact the answer names; none when it names none, several, or something unlike coordinates. */
    private static Optional<MavenCoordinates> unique(JsonNode answer) {
        Set<MavenCoordinates> found = new LinkedHashSet<>();
        for (JsonNode doc : answer.path("response").path("docs")) {
            MavenCoordinates c = new MavenCoordinates(
                    doc.path("g").asText(null),
                    doc.path("a").asText(null),
                    doc.path("v").asText(null));
            if (!c.complete()
                    || !COORDINATE.matcher(c.group()).matches()
                    || !COORDINATE.matcher(c.artifact()).matches()
                    || !COORDINATE.matcher(c.version()).matches()) {
                return Optional.empty();
            }
            found.add(c);
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    private static Optional<MavenCoordinates> parseCached(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3 || text.equals(NOT_FOUND)) {
            return Optional.empty();
        }
        return Optional.of(new MavenCoordinates(parts[0], parts[1], parts[2]));
    }

    /**
     * An answer names a jar, so a cache someone else can write could hide one behind another's name: it is read
     * only when the folder belongs to this user and no one else may write to it (else every answer is asked anew).
     */
    private boolean cacheIsOurs() {
        if (cacheTrusted == null) {
            try {
                PosixFileAttributes a =
                        Files.readAttributes(cache, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                cacheTrusted = a.isDirectory()
                        && a.owner().getName().equals(System.getProperty("user.name"))
                        && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                        && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            } catch (IOException | UnsupportedOperationException e) {
                cacheTrusted = false;
            }
        }
        return cacheTrusted;
    }

    /** Written whole or not at all: a temporary file moved into place. A cache that cannot be written is skipped. */
    private void remember(Path cached, String text) {
        try {
            if (!Files.isDirectory(cache)) {
                Files.createDirectories(
                        cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                cacheTrusted = null;
            }
            if (!cacheIsOurs()) {
                return;
            }
            Path tmp = Files.createTempFile(cache, "answer-", ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // the answer is still used for this run
        }
    }
}
