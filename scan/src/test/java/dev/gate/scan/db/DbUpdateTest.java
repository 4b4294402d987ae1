package dev.gate.scan.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gate.errors.GateException;
import dev.gate.scan.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate db update against a local server that answers like osv.dev's bucket (ETag, Last-Modified, conditional and range
 * requests), serving the shared per-ecosystem zips.
 */
class DbUpdateTest {

    @TempDir
    Path dir;

    private HttpServer server;
    /** Served bytes by path; a test may replace one to stand for a new export. */
    private final Map<String, byte[]> exports = new ConcurrentHashMap<>();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    /** When positive, the next full or partial answer stops after this many bytes and drops the connection. */
    private final AtomicLong cutAfter = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        exports.put("/osv/crates.io/all.zip", Files.readAllBytes(SharedData.path("osv-bulk/crates.io.zip")));
        exports.put("/osv/Go/all.zip", Files.readAllBytes(SharedData.path("osv-bulk/Go.zip")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI source() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/osv");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        requests.add(path + " range=" + range + " if-range=" + ifRange + " if-none-match=" + ifNoneMatch);
        byte[] body = exports.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Last-Modified", "Thu, 20 Aug 2026 10:00:00 GMT");
        if (etag.equals(ifNoneMatch)) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        int from = 0;
        if (range != null && etag.equals(ifRange)) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.getResponseHeaders()
                    .set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        long cut = cutAfter.getAndSet(0);
        OutputStream out = exchange.getResponseBody();
        int length = cut > 0 ? (int) Math.min(cut, body.length - from) : body.length - from;
        out.write(body, from, length);
        bodyBytes.addAndGet(length);
        out.flush();
        try {
            out.close(); // short of the declared length: the server drops the connection mid-body
        } catch (IOException dropped) {
            exchange.close();
        }
    }

    private List<DbUpdate.Outcome> update(Path db, List<String> ecosystems) {
        try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
            // Short: a cut answer (fewer bytes than declared) ends for the client when a read times out
            return new DbUpdate(source(), Duration.ofSeconds(2), (e, done, total) -> {})
                    .update(open, dir.resolve("downloads"), ecosystems, problem -> {});
        }
    }

    /** What importing the shared zips directly gives, the truth an update must reach. */
    private Map<String, Long> imported(String... zips) {
        Path db = dir.resolve("direct-" + String.join("-", zips) + ".db");
        try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
            new Importer(open, problem -> {})
                    .importPaths(java.util.Arrays.stream(zips)
                            .map(z -> SharedData.path("osv-bulk/" + z))
                            .toList());
        }
        return info(db).perEcosystem();
    }

    private static DbInfo info(Path db) {
        try (AdvisoryDb open = AdvisoryDb.openExisting(db)) {
            return open.info();
        }
    }

    @Test
    void downloadsImportsAndThenAsksOnlyWhetherAnythingChanged() {
        Path db = dir.resolve("osv.db");
        List<DbUpdate.Outcome> first = update(db, List.of("crates.io", "Go"));
        assertEquals(
                List.of(DbUpdate.Status.UPDATED, DbUpdate.Status.UPDATED),
                first.stream().map(DbUpdate.Outcome::status).toList());
        DbInfo imported = info(db);
        assertEquals(imported("crates.io.zip", "Go.zip"), imported.perEcosystem());
        assertNotNull(imported.checkedAt());
        long sent = bodyBytes.get();

        List<DbUpdate.Outcome> second = update(db, List.of("crates.io", "Go"));
        assertEquals(
                List.of(DbUpdate.Status.UNCHANGED, DbUpdate.Status.UNCHANGED),
                second.stream().map(DbUpdate.Outcome::status).toList());
        assertEquals(sent, bodyBytes.get(), "an unchanged export costs no body");
        assertTrue(requests.get(requests.size() - 1).contains("if-none-match=\""), requests.toString());
        assertTrue(Instant.parse(info(db).checkedAt()).compareTo(Instant.parse(imported.checkedAt())) >= 0);
    }

    @Test
    void aCutDownloadResumesWhereItStopped() {
        Path db = dir.resolve("osv.db");
        cutAfter.set(500_000);
        GateException cut = assertThrows(GateException.class, () -> update(db, List.of("Go")));
        assertEquals(GateException.Kind.OPERATIONAL, cut.kind());
        assertTrue(cut.getMessage().contains("run gate db update again to resume"), cut.getMessage());
        List<DbUpdate.Outcome> resumed = update(db, List.of("Go"));
        assertEquals(DbUpdate.Status.UPDATED, resumed.get(0).status());
        assertTrue(requests.get(requests.size() - 1).contains("range=bytes=500000-"), requests.toString());
        assertEquals(imported("Go.zip"), info(db).perEcosystem());
    }

    @Test
    void aChangedExportStartsTheDownloadOver() {
        Path db = dir.resolve("osv.db");
        cutAfter.set(300_000);
        assertThrows(GateException.class, () -> update(db, List.of("crates.io")));
        // The export changes meanwhile: Go's advisories now stand at the crates.io path, under a new ETag.
        exports.put("/osv/crates.io/all.zip", exports.get("/osv/Go/all.zip"));
        update(db, List.of("crates.io"));
        assertEquals(
                imported("Go.zip"),
                info(db).perEcosystem(),
                "the new export whole, not the old one's first bytes and the new one's rest");
    }

    /** A hostile or broken server: a resumed answer from another byte, a declared size over the bound, a scheme not http. */
    @Test
    void aServerThatLiesAboutRangesOrSizesIsRefused() throws IOException {
        server.createContext("/lies/Go/all.zip", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"x\"");
            exchange.getResponseHeaders().set("Content-Range", "bytes 0-99/100");
            exchange.sendResponseHeaders(206, 100);
            exchange.close();
        });
        server.createContext("/huge/Go/all.zip", exchange -> {
            exchange.sendResponseHeaders(200, DbUpdate.MAX_DOWNLOAD + 1);
            exchange.close();
        });
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path db = dir.resolve("osv.db");
        try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
            // a partial download the next request asks to resume at byte 10
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            Files.write(downloads.resolve("Go.zip.part"), new byte[10]);
            Files.writeString(downloads.resolve("Go.zip.part.validators"), "\"x\"\n");
            GateException moved = assertThrows(
                    GateException.class,
                    () -> new DbUpdate(URI.create(base + "/lies"), Duration.ofSeconds(2), (e, d, t) -> {})
                            .update(open, downloads, List.of("Go"), p -> {}));
            assertTrue(moved.getMessage().contains("resumed at another byte than 10"), moved.getMessage());
            GateException huge = assertThrows(
                    GateException.class,
                    () -> new DbUpdate(URI.create(base + "/huge"), Duration.ofSeconds(2), (e, d, t) -> {})
                            .update(open, dir.resolve("downloads2"), List.of("Go"), p -> {}));
            assertTrue(
                    huge.getMessage().contains("over the " + DbUpdate.MAX_DOWNLOAD + "-byte limit"), huge.getMessage());
        }
        GateException scheme = assertThrows(
                GateException.class,
                () -> new DbUpdate(URI.create("file:///etc/"), Duration.ofSeconds(2), (e, d, t) -> {}));
        assertEquals(GateException.Kind.INPUT, scheme.kind());
    }

    @Test
    void aMissingExportIsAnOperationalErrorNamingItsUrl() {
        GateException e =
                assertThrows(GateException.class, () -> update(dir.resolve("osv.db"), List.of("Nothing Here")));
        assertEquals(GateException.Kind.OPERATIONAL, e.kind());
        assertTrue(e.getMessage().contains("/osv/Nothing%20Here/all.zip: HTTP 404"), e.getMessage());
    }

    @Test
    void aStaleDatabaseIsRefusedAndAFreshCheckRenewsIt() {
        Path db = dir.resolve("osv.db");
        update(db, List.of("crates.io"));
        try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
            open.putMeta("built_at", "2026-01-01T00:00:00Z");
            open.putMeta(DbUpdate.CHECKED_AT, "2026-01-02T00:00:00Z");
        }
        Instant now = Instant.parse("2026-01-12T00:00:00Z");
        GateException stale = assertThrows(GateException.class, () -> DatabaseAge.check(db, Duration.ofDays(5), now));
        assertEquals(GateException.Kind.OPERATIONAL, stale.kind());
        assertTrue(
                stale.getMessage().contains("10 days old, over --db-max-age 5 days: run gate db update"),
                stale.getMessage());
        DatabaseAge.check(db, Duration.ofDays(11), now);
        update(db, List.of("crates.io"));
        DatabaseAge.check(db, Duration.ofHours(1), Instant.now());
    }
}
