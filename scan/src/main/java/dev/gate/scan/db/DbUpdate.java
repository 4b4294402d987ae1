package dev.gate.scan.db;

import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code gate db update}: osv.dev-style per-ecosystem exports ({@code SOURCE/ECOSYSTEM/all.zip}, the public bucket or any
 * mirror) fetched and imported. A request carries the validators of the last fetch ({@code If-None-Match},
 * {@code If-Modified-Since}), so an unchanged export costs one 304; a download that was cut resumes where it stopped
 * ({@code Range} with {@code If-Range}, so a changed export starts over). Every byte is bounded in size and time; a
 * zip is imported only once it is whole, and what was fetched is recorded in the database with the time of the check.
 */
public final class DbUpdate {

    public static final URI DEFAULT_SOURCE = URI.create("https://osv-vulnerabilities.storage.googleapis.com/");
    /** The ecosystems gate orders versions for. */
    public static final List<String> DEFAULT_ECOSYSTEMS = List.of(
            "Debian",
            "Ubuntu",
            "Alpine",
            "AlmaLinux",
            "Rocky Linux",
            "Red Hat",
            "npm",
            "PyPI",
            "Maven",
            "Go",
            "crates.io",
            "RubyGems",
            "NuGet",
            "Packagist");
    /** Debian's export, the largest, is a few hundred MiB. */
    static final long MAX_DOWNLOAD = 4L << 30;

    static final String CHECKED_AT = "checked_at";

    /** How a download is going: {@code total} is -1 when the server did not say. */
    public interface Progress {
        void downloaded(String ecosystem, long done, long total);
    }

    public enum Status {
        UPDATED,
        UNCHANGED
    }

    public record Outcome(String ecosystem, Status status, long bytes, ImportReport imported) {}

    private final URI source;
    private final Duration timeout;
    private final Progress progress;

    /** {@code timeout}: for connecting and for each read, so a server that stops sending cannot hold the update. */
    public DbUpdate(URI source, Duration timeout, Progress progress) {
        String text = source.toString();
        this.source = URI.create(text.endsWith("/") ? text : text + "/");
        if (!"https".equals(this.source.getScheme()) && !"http".equals(this.source.getScheme())) {
            throw GateException.input("--source " + SafeText.quoted(text) + ": expected an http(s) URL");
        }
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Fetches and imports each ecosystem's export; {@code downloads} keeps partial downloads between runs. */
    public List<Outcome> update(AdvisoryDb db, Path downloads, List<String> ecosystems, Consumer<String> problems) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String ecosystem : ecosystems) {
            outcomes.add(updateOne(db, downloads, ecosystem, problems));
        }
        db.putMeta(CHECKED_AT, Instant.now().toString());
        return outcomes;
    }

    private Outcome updateOne(AdvisoryDb db, Path downloads, String ecosystem, Consumer<String> problems) {
        URI url = source.resolve(
                URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20") + "/all.zip");
        String key = "source:" + url;
        Validators stored = Validators.parse(db.meta(key));
        Path part = downloads.resolve(ecosystem.replaceAll("[^A-Za-z0-9.-]", "_") + ".zip.part");
        Path partValidators = part.resolveSibling(part.getFileName() + ".validators");
        try {
            Files.createDirectories(downloads);
            Validators partial = Files.isRegularFile(part) && Files.isRegularFile(partValidators)
                    ? Validators.parse(Files.readString(partValidators))
                    : null;
            HttpURLConnection connection = open(url);
            long resumeFrom = 0;
            if (partial != null && partial.etag() != null) {
                resumeFrom = Files.size(part);
                connection.setRequestProperty("Range", "bytes=" + resumeFrom + "-");
                connection.setRequestProperty("If-Range", partial.etag());
            } else {
                stored.apply(connection);
            }
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
                connection.disconnect();
                return new Outcome(ecosystem, Status.UNCHANGED, 0, null);
            }
            if (status != HttpURLConnection.HTTP_OK && status != HttpURLConnection.HTTP_PARTIAL) {
                connection.disconnect();
                throw GateException.operational(
                        "fetch " + url + ": HTTP " + status + (status == 404 ? " (no such export)" : ""), null);
            }
            boolean resumed = status == HttpURLConnection.HTTP_PARTIAL;
            if (resumed && !contentRangeStartsAt(connection.getHeaderField("Content-Range"), resumeFrom)) {
                connection.disconnect();
                throw GateException.operational(
                        "fetch " + url + ": the server resumed at another byte than " + resumeFrom + " (Content-Range "
                                + SafeText.quoted(String.valueOf(connection.getHeaderField("Content-Range"))) + ")",
                        null);
            }
            Validators fetched = Validators.of(connection);
            Files.writeString(partValidators, fetched.toString());
            long declared = connection.getContentLengthLong();
            long total = declared < 0 ? -1 : (resumed ? resumeFrom : 0) + declared;
            if (total > MAX_DOWNLOAD) {
                connection.disconnect();
                throw GateException.operational(
                        "fetch " + url + ": " + total + " bytes, over the " + MAX_DOWNLOAD + "-byte limit", null);
            }
            long done = copy(connection, part, resumed ? resumeFrom : 0, total, ecosystem, url);
            if (total >= 0 && done != total) {
                throw GateException.operational(
                        "fetch " + url + ": the download was cut at " + done + " of " + total
                                + " bytes; run gate db update again to resume it",
                        null);
            }
            Path whole = part.resolveSibling(part.getFileName().toString().replaceFirst("\\.part$", ""));
            Files.move(part, whole, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(partValidators);
            ImportReport imported;
            try {
                imported = new Importer(db, problems).importPaths(List.of(whole));
            } finally {
                Files.deleteIfExists(whole);
            }
            db.putMeta(key, fetched.toString());
            return new Outcome(ecosystem, Status.UPDATED, done, imported);
        } catch (IOException e) {
            throw GateException.operational(
                    "fetch " + url + ": " + e.getMessage()
                            + (Files.isRegularFile(part) ? "; run gate db update again to resume the download" : ""),
                    e);
        }
    }

    private HttpURLConnection open(URI url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        connection.setRequestProperty("User-Agent", "gate-db-update");
        return connection;
    }

    /** Appends the body to {@code part} (from {@code start}), bounded by {@link #MAX_DOWNLOAD}; returns the file's size. */
    private long copy(HttpURLConnection connection, Path part, long start, long total, String ecosystem, URI url)
            throws IOException {
        long done = start;
        try (InputStream in = connection.getInputStream();
                OutputStream out = start == 0
                        ? Files.newOutputStream(
                                part,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE)
                        : Files.newOutputStream(part, StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                done += n;
                if (done > MAX_DOWNLOAD || (total >= 0 && done > total)) {
                    throw GateException.operational(
                            "fetch " + url + ": more bytes than "
                                    + (total >= 0 ? "the server declared" : "the " + MAX_DOWNLOAD + "-byte limit"),
                            null);
                }
                out.write(buffer, 0, n);
                progress.downloaded(ecosystem, done, total);
            }
        }
        return done;
    }

    private static boolean contentRangeStartsAt(String contentRange, long start) {
        return contentRange != null && contentRange.trim().startsWith("bytes " + start + "-");
    }

    /** The entity tag and modification time of a fetched export, as kept in the database: two lines. */
    record Validators(String etag, String lastModified) {

        static Validators parse(String text) {
            if (text == null) {
                return new Validators(null, null);
            }
            String[] lines = text.split("\n", -1);
            return new Validators(emptyToNull(lines[0]), lines.length > 1 ? emptyToNull(lines[1]) : null);
        }

        static Validators of(HttpURLConnection connection) {
            return new Validators(
                    kept(connection.getHeaderField("ETag")), kept(connection.getHeaderField("Last-Modified")));
        }

        void apply(HttpURLConnection connection) {
            if (etag != null) {
                connection.setRequestProperty("If-None-Match", etag);
            }
            if (lastModified != null) {
                connection.setRequestProperty("If-Modified-Since", lastModified);
            }
        }

        @Override
        public String toString() {
            return (etag == null ? "" : etag) + "\n" + (lastModified == null ? "" : lastModified);
        }

        /** A header value kept only when it is one short line: it is sent back to the server, never printed. */
        private static String kept(String value) {
            return value == null || value.length() > 256 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
                    ? null
                    : value;
        }

        private static String emptyToNull(String value) {
            return value.isEmpty() ? null : value;
        }
    }
}
