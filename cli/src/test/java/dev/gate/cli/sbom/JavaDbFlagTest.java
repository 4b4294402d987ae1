package dev.gate.cli.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gate sbom --java-db FILE}: a jar without pom.properties named by its SHA-1 in trivy's Java DB. */
class JavaDbFlagTest {

    @Test
    void theJavaDbNamesAJarThatCarriesNoCoordinates(@TempDir Path dir) throws Exception {
        byte[] jar = tomcatLikeJar();
        Path archive = SbomCommandTest.dockerArchive(dir, "app/libs/tomcat-embed-core-10.1.31.jar", jar);
        Path db = javaDb(dir.resolve("trivy-java.db"), sha1(jar));

        Path out = dir.resolve("with.json");
        assertEquals(0, run(new StringWriter(), archive.toString(), "--java-db", db.toString(), "-o", out.toString()));
        JsonNode tomcat = component(new ObjectMapper().readTree(out.toFile()), "tomcat-embed-core");
        assertEquals(
                "pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.31",
                tomcat.path("purl").asText());
        assertEquals(sha1(jar), tomcat.at("/hashes/0/content").asText());
        assertTrue(
                tomcat.path("properties")
                        .toString()
                        .contains("{\"name\":\"gate:java:identified-by\",\"value\":\"sha1-index\"}"),
                tomcat.path("properties").toString());

        Path without = dir.resolve("without.json");
        assertEquals(0, run(new StringWriter(), archive.toString(), "-o", without.toString()));
        JsonNode bom = new ObjectMapper().readTree(without.toFile());
        assertTrue(component(bom, "tomcat-embed-core").path("purl").isMissingNode(), "no group, no purl");
        assertTrue(
                bom.path("properties").toString().contains("Maven group unknown for tomcat-embed-core 10.1.31"),
                bom.toString());
    }

    @Test
    void aMissingOrBadJavaDbIsAOneLineInputError(@TempDir Path dir) throws Exception {
        Path archive = SbomCommandTest.dockerArchive(dir);
        StringWriter err = new StringWriter();
        assertEquals(
                2,
                run(err, archive.toString(), "--java-db", dir.resolve("none.db").toString()));
        assertEquals(
                "gate: Java DB " + dir.resolve("none.db") + " does not exist",
                err.toString().trim());
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, archive.toString(), "--java-db", archive.toString()));
        assertEquals(1, bad.toString().trim().lines().count(), bad.toString());
    }

    private static JsonNode component(JsonNode bom, String name) {
        for (JsonNode c : bom.path("components")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError(name + " not in " + bom);
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new SbomCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        PrintWriter errors = new PrintWriter(err, true);
        cli.setErr(errors);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            errors.println("gate: " + e.getMessage());
            return e instanceof dev.gate.errors.GateException g ? g.kind().exitCode() : 3;
        });
        return cli.execute(args);
    }

    /** As Tomcat's Ant build writes it: no pom.properties, an OSGi name that is not the Maven group. */
    private static byte[] tomcatLikeJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\r\nBundle-SymbolicName: org.apache.tomcat-embed-core\r\n"
                            + "Bundle-Version: 10.1.31\r\nImplementation-Version: 10.1.31\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (String c : new String[] {"org/apache/catalina/Server.class", "jakarta/servlet/Servlet.class"}) {
                zip.putNextEntry(new ZipEntry(c));
                zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            }
        }
        return bytes.toByteArray();
    }

    private static Path javaDb(Path file, String sha1) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT)");
            s.execute("CREATE TABLE indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT)");
            s.execute("INSERT INTO artifacts VALUES (1, 'org.apache.tomcat.embed', 'tomcat-embed-core')");
            s.execute("INSERT INTO indices VALUES (1, '10.1.31', x'" + sha1 + "', 'jar')");
        }
        return file;
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
