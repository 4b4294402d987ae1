package dev.gate.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gate.cli.InProcessGate;
import dev.gate.image.testing.TestMaterial;
import dev.gate.scan.db.AdvisoryDb;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate db update from a local mirror, and --db-max-age refusing a database that is older than allowed. */
class DbUpdateCommandTest {

    @TempDir
    Path dir;

    @Test
    void updatesFromAMirrorThenAStaleDatabaseIsRefusedUntilUpdatedAgain() throws Exception {
        byte[] zip = Files.readAllBytes(TestMaterial.shared("osv-bulk/crates.io.zip"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mirror/crates.io/all.zip", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, zip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(zip);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/";
            Path db = dir.resolve("osv.db");
            InProcessGate.Run first = InProcessGate.gate(
                    "db", "update", "--source", mirror, "--ecosystem", "crates.io", "--db", db.toString());
            assertEquals(0, first.code(), first.toString());
            assertTrue(first.out().contains("crates.io: downloaded 1.1 MiB,"), first.out());
            InProcessGate.Run second = InProcessGate.gate(
                    "db", "update", "--source", mirror, "--ecosystem", "crates.io", "--db", db.toString());
            assertTrue(second.out().contains("crates.io: unchanged"), second.out());

            Path sbom = Files.writeString(
                    dir.resolve("bom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}");
            try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
                open.putMeta("built_at", "2020-01-01T00:00:00Z");
                open.putMeta("checked_at", "2020-01-01T00:00:00Z");
            }
            InProcessGate.Run stale =
                    InProcessGate.gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--db-max-age", "5d");
            assertEquals(3, stale.code(), stale.toString());
            assertTrue(stale.err().contains("over --db-max-age 5 days: run gate db update"), stale.err());

            assertEquals(
                    0,
                    InProcessGate.gate(
                                    "db",
                                    "update",
                                    "--source",
                                    mirror,
                                    "--ecosystem",
                                    "crates.io",
                                    "--db",
                                    db.toString())
                            .code());
            InProcessGate.Run fresh =
                    InProcessGate.gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--db-max-age", "5d");
            assertEquals(0, fresh.code(), fresh.toString());
        } finally {
            server.stop(0);
        }
    }

    /** A gated push refuses a database last current over five days ago unless --db-max-age allows it, and writes nothing. */
    @Test
    void aGatedPushRefusesAStaleDatabaseByDefault() throws Exception {
        Path db = dir.resolve("osv.db");
        assertEquals(
                0,
                InProcessGate.gate("db", "import", TestMaterial.shared("osv").toString(), "--db", db.toString())
                        .code());
        try (AdvisoryDb open = AdvisoryDb.openForWrite(db)) {
            open.putMeta(
                    "built_at",
                    java.time.Instant.now().minus(java.time.Duration.ofDays(6)).toString());
        }
        Path root = Path.of(System.getProperty("gate.root", ".."));
        Path sample = dev.gate.image.testing.SampleLayout.copyTo(dir.resolve("sample"));
        Path out = dir.resolve("out");
        String[] push = {
            "push",
            "--policy",
            root.resolve("policies/prod.rego").toString(),
            "--data",
            root.resolve("policies/data.example.yaml").toString(),
            "--param",
            "high_fix_max_days=14",
            "--no-sign",
            "--db",
            db.toString(),
            "--name",
            "registry.example.com/payments/api:1.0.0",
            "oci:" + sample + ":1.0.0",
            "oci:" + out + ":1.0.0"
        };
        InProcessGate.Run refused = InProcessGate.gate(push);
        assertEquals(3, refused.code(), refused.toString());
        assertTrue(refused.err().contains("6 days old, over --db-max-age 5 days"), refused.err());
        assertTrue(!Files.exists(out), "nothing written");
        String[] allowed = java.util.Arrays.copyOf(push, push.length + 2);
        allowed[push.length] = "--db-max-age";
        allowed[push.length + 1] = "7d";
        InProcessGate.Run run = InProcessGate.gate(allowed);
        assertTrue(run.code() != 3, run.toString());
    }
}
