package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in SHA-1 look-up, against a local server that answers as Maven Central's search service does. */
class MavenCentralLookupTest {

    private static final String TOMCAT =
            "{\"responseHeader\":{\"status\":0},\"response\":{\"numFound\":1,\"start\":0,\"docs\":["
                    + "{\"id\":\"org.apache.tomcat.embed:tomcat-embed-core:10.1.31\",\"g\":\"org.apache.tomcat.embed\","
                    + "\"a\":\"tomcat-embed-core\",\"v\":\"10.1.31\",\"p\":\"jar\",\"timestamp\":1728000000000,\"ec\":[\".jar\"]}]}}";
    private static final String NONE =
            "{\"responseHeader\":{\"status\":0},\"response\":{\"numFound\":0,\"start\":0,\"docs\":[]}}";

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/solrsearch/select", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            queries.add(query);
            String sha1 = query.replaceAll(".*q=1:\"([0-9a-f]+)\".*", "$1");
            byte[] body = answers.getOrDefault(sha1, NONE).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/solrsearch/select");
    }

    @Test
    void aKnownChecksumNamesTheJarAndTheAnswerIsCached(@TempDir Path cache) {
        byte[] tomcat = TestJars.tomcatEmbedCore();
        String sha1 = TestJars.sha1(tomcat);
        answers.put(sha1, TOMCAT);
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "app/libs/tomcat-embed-core-10.1.31.jar",
                        tomcat,
                        "app/libs/spring-beans-6.1.14.jar",
                        TestJars.springBeans()),
                new MavenCentralLookup(endpoint(), cache));
        Package p = JavaLayers.at(sbom, "/app/libs/tomcat-embed-core-10.1.31.jar");
        assertEquals("pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.31", p.purl());
        assertEquals("sha1-index", p.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
        assertEquals(2, queries.size());
        assertTrue(
                queries.stream().allMatch(q -> q.matches("q=1:\"[0-9a-f]{40}\"&rows=20&wt=json")),
                "only checksums leave: " + queries);

        MavenCentralLookup again = new MavenCentralLookup(endpoint(), cache);
        assertEquals(
                Optional.of(new MavenCoordinates("org.apache.tomcat.embed", "tomcat-embed-core", "10.1.31")),
                again.bySha1(sha1));
        assertEquals(Optional.empty(), again.bySha1(TestJars.sha1(TestJars.springBeans())));
        assertEquals(2, queries.size(), "both answers, found and not found, came from the cache");
    }

    @Test
    void anAnswerNamingSeveralArtifactsOrOddCoordinatesNamesNothing(@TempDir Path cache) {
        answers.put(
                "1".repeat(40),
                TOMCAT.replace("]}}", ",{\"g\":\"org.other\",\"a\":\"tomcat-embed-core\",\"v\":\"10.1.31\"}]}}"));
        answers.put(
                "2".repeat(40), TOMCAT.replace("\"g\":\"org.apache.tomcat.embed\"", "\"g\":\"org/../x\\u001b[31m\""));
        MavenCentralLookup lookup = new MavenCentralLookup(endpoint(), cache);
        assertEquals(Optional.empty(), lookup.bySha1("1".repeat(40)));
        assertEquals(Optional.empty(), lookup.bySha1("2".repeat(40)));
        assertEquals(Optional.empty(), lookup.bySha1("../../etc/passwd"), "not a checksum: not asked");
        assertEquals(2, queries.size());
    }

    @Test
    void anOversizedOrFailedAnswerStopsTheRun(@TempDir Path cache) {
        answers.put(
                "3".repeat(40),
                "{\"response\":{\"docs\":[], \"pad\":\"" + "x".repeat(MavenCentralLookup.MAX_ANSWER) + "\"}}");
        MavenCentralLookup lookup = new MavenCentralLookup(endpoint(), cache);
        GateException big = assertThrows(GateException.class, () -> lookup.bySha1("3".repeat(40)));
        assertEquals(GateException.Kind.OPERATIONAL, big.kind());
        assertTrue(big.getMessage().contains("over " + MavenCentralLookup.MAX_ANSWER + " bytes"), big.getMessage());
        status = 503;
        GateException failed = assertThrows(GateException.class, () -> lookup.bySha1("4".repeat(40)));
        assertTrue(failed.getMessage().contains("HTTP 503"), failed.getMessage());
        status = 200;
        answers.put("4".repeat(40), TOMCAT);
        assertEquals(
                "tomcat-embed-core", lookup.bySha1("4".repeat(40)).orElseThrow().artifact(), "a failure is not cached");
    }

    /** A cache someone else may write to could name a jar falsely: it is not read, and the service is asked. */
    @Test
    void aCacheOthersMayWriteIsNotBelieved(@TempDir Path dir) throws Exception {
        Path cache = java.nio.file.Files.createDirectory(dir.resolve("java-lookup"));
        String sha1 = "5".repeat(40);
        java.nio.file.Files.writeString(cache.resolve(sha1), "org.innocent:harmless:1.0\n");
        java.nio.file.Files.setPosixFilePermissions(
                cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        answers.put(sha1, TOMCAT);
        assertEquals(
                "tomcat-embed-core",
                new MavenCentralLookup(endpoint(), cache)
                        .bySha1(sha1)
                        .orElseThrow()
                        .artifact());
        assertEquals(1, queries.size());
        java.nio.file.Files.setPosixFilePermissions(
                cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertEquals(
                "harmless",
                new MavenCentralLookup(endpoint(), cache)
                        .bySha1(sha1)
                        .orElseThrow()
                        .artifact(),
                "the user's own cache is believed");
    }
}
