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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SbomCommandTest {

    private static final String STATUS = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Source: zlib\nVersion: 1:1.2.13.dfsg-1\nDescription: compression library\n";
    private static final String OS = "ID=debian\nVERSION_ID=\"12\"\n";

    @Test
    void writesCycloneDxTableAndSpdxForADockerArchive(@TempDir Path dir) throws Exception {
        Path archive = dockerArchive(dir);
        Path out = dir.resolve("sbom.json");
        assertEquals(0, run("docker-archive:" + archive, "-o", out.toString()));
        JsonNode cdx = new ObjectMapper().readTree(out.toFile());
        assertEquals(
                "gate-test/tiny:1",
                cdx.path("metadata").path("component").path("name").asText());
        assertEquals(
                "pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12&epoch=1",
                cdx.path("components").get(1).path("purl").asText());

        StringWriter table = new StringWriter();
        assertEquals(0, run(table, archive.toString(), "--format", "table"));
        assertTrue(table.toString().contains("zlib1g") && table.toString().contains("1 packages"), table.toString());

        StringWriter spdx = new StringWriter();
        assertEquals(0, run(spdx, archive.toString(), "--format", "spdx-json"));
        assertEquals(
                "SPDX-2.3",
                new ObjectMapper().readTree(spdx.toString()).path("spdxVersion").asText());
    }

    @Test
    void readsAnOciLayoutThroughTheTransports() {
        Path sample = Path.of(System.getProperty("user.dir")).getParent().resolve("testdata/sample");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sample), "no testdata/sample layout");
        StringWriter table = new StringWriter();
        assertEquals(0, run(table, "oci:" + sample + ":1.0.0", "--format", "table"));
        assertTrue(table.toString().contains("packages"), table.toString());
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run(dir.resolve("missing.tar").toString()));
        assertEquals(2, run(dockerArchive(dir).toString(), "--format", "xml"));
    }

    /** The run fails closed, one line naming the image and the budget, rather than writing a partial SBOM. */
    @Test
    void anImageThatCannotBeCatalogedInTimeExitsTwo(@TempDir Path dir) throws Exception {
        Path archive = dockerArchive(dir, "app/slow.jar", slowJar());
        Path out = dir.resolve("sbom.json");
        StringWriter err = new StringWriter();
        assertEquals(
                2, run(new StringWriter(), err, archive.toString(), "--catalog-timeout", "1ms", "-o", out.toString()));
        assertTrue(
                err.toString().contains("cataloging gate-test/tiny:1 did not finish within its time budget of 1ms"),
                err.toString());
        assertEquals(1, err.toString().trim().lines().count(), err.toString());
        assertTrue(Files.notExists(out), "no SBOM is written");
        assertEquals(0, run(archive.toString(), "--catalog-timeout", "2m", "-o", out.toString()));
        assertEquals(2, run(archive.toString(), "--catalog-timeout", "0s"));
        assertEquals(2, run(archive.toString(), "--catalog-timeout", "soon"));
    }

    /** A jar whose 64 MiB entry the Java cataloger reads through: some tens of milliseconds of work. */
    private static byte[] slowJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            zip.putNextEntry(new java.util.zip.ZipEntry("zeros.bin"));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter out, String... args) {
        return run(out, new StringWriter(), args);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new SbomCommand());
        cli.setOut(new PrintWriter(out));
        PrintWriter errors = new PrintWriter(err, true);
        cli.setErr(errors);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            errors.println("gate: " + e.getMessage());
            return e instanceof dev.gate.errors.GateException g ? g.kind().exitCode() : 3;
        });
        return cli.execute(args);
    }

    /** A one-layer docker-archive as docker save writes it. */
    static Path dockerArchive(Path dir) throws IOException {
        return dockerArchive(dir, null, null);
    }

    /** The same archive, with one more file in its layer when {@code extraName} is given. */
    static Path dockerArchive(Path dir, String extraName, byte[] extra) throws IOException {
        byte[] layer = tar(new String[][] {{"etc/os-release", OS}, {"var/lib/dpkg/status", STATUS}}, extraName, extra);
        String layerHex = sha256(layer);
        byte[] config = ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + layerHex + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"gate-test/tiny:1\"],\"Layers\":[\""
                + layerHex + "/layer.tar\"]}]";
        Path archive = dir.resolve("image.tar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            put(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
            put(tar, configName, config);
            put(tar, layerHex + "/layer.tar", layer);
        }
        Files.write(archive, bytes.toByteArray());
        return archive;
    }

    private static byte[] tar(String[][] files, String extraName, byte[] extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String[] f : files) {
                put(tar, f[0], f[1].getBytes(StandardCharsets.UTF_8));
            }
            if (extraName != null) {
                put(tar, extraName, extra);
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
