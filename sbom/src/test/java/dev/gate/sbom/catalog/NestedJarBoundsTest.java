package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted Java archives (big nested jars, deep nesting) are read in a small heap: a separate JVM with 48 MiB
 * catalogs a jar whose nested archives inflate to over a GiB. Copying each nested archive into memory, as an
 * earlier reader did, runs out of heap on it.
 */
class NestedJarBoundsTest {

    private static final int BIG = 64 << 20;

    @Test
    void bigAndDeeplyNestedJarsAreReadInASmallHeap(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("bomb.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            writeBomb(out);
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReadInSmallHeap.class.getName(), jar.toString())
                .redirectErrorStream(true).start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, "the child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("package pkg:maven/org.example/outer@1.0"), output);
        assertTrue(output.contains("package pkg:maven/org.example/big@2.0"), output);
        assertTrue(output.contains("package pkg:maven/org.example/level1@1"), output);
        assertTrue(output.contains("nested deeper than " + JarReader.MAX_DEPTH + " archives"), output);
        assertTrue(output.contains("stopped after " + JarReader.MAX_INFLATED + " inflated bytes"), output);
    }

    @Test
    void aSpentDeadlineStopsTheReaderInsteadOfBecomingAProblem() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            pom(zip, "small", "1");
        }
        CatalogDeadline spent = CatalogDeadline.start("img", Duration.ofNanos(1));
        Thread.sleep(2);
        JarReader reader = new JarReader("sha256:layer", spent);
        assertThrows(CatalogDeadline.Exceeded.class, () -> reader.read("/app/small.jar", bytes.toByteArray()));
    }

    /** Runs in the small-heap JVM: catalogs the jar and prints packages and problems. */
    public static final class ReadInSmallHeap {
        public static void main(String[] args) throws Exception {
            byte[] jar = Files.readAllBytes(Path.of(args[0]));
            JarReader reader = new JarReader("sha256:layer", CatalogDeadline.start("bomb", Duration.ofMinutes(2)));
            List<Package> found = reader.read("/app/bomb.jar", jar);
            found.forEach(p -> System.out.println("package " + p.purl()));
            reader.problems().forEach(p -> System.out.println("problem " + p));
        }
    }

    /**
     * The outer jar holds nine copies of a jar with 64 MiB of stored zeros (each compresses to a few KiB in the
     * outer jar; together they inflate past the reader's work bound) and a chain of jars nested six deep.
     */
    private static void writeBomb(OutputStream out) throws IOException {
        try (ZipOutputStream outer = new ZipOutputStream(out)) {
            outer.setLevel(Deflater.BEST_SPEED);
            pom(outer, "outer", "1.0");
            outer.putNextEntry(new ZipEntry("lib/deep.jar"));
            deepChain(unclosable(outer), 1, 6);
            outer.closeEntry();
            for (int i = 0; i < 9; i++) {
                outer.putNextEntry(new ZipEntry("lib/big-" + i + ".jar"));
                bigJar(unclosable(outer));
                outer.closeEntry();
            }
        }
    }

    private static void bigJar(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            pom(zip, "big", "2.0");
            ZipEntry zeros = new ZipEntry("zeros.bin");
            zeros.setMethod(ZipEntry.STORED);
            zeros.setSize(BIG);
            byte[] chunk = new byte[1 << 20];
            CRC32 crc = new CRC32();
            for (int i = 0; i < BIG / chunk.length; i++) {
                crc.update(chunk);
            }
            zeros.setCrc(crc.getValue());
            zip.putNextEntry(zeros);
            for (int i = 0; i < BIG / chunk.length; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
    }

    private static void deepChain(OutputStream out, int level, int levels) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            pom(zip, "level" + level, String.valueOf(level));
            if (level < levels) {
                zip.putNextEntry(new ZipEntry("lib/level" + (level + 1) + ".jar"));
                deepChain(unclosable(zip), level + 1, levels);
                zip.closeEntry();
            }
        }
    }

    private static void pom(ZipOutputStream zip, String artifact, String version) throws IOException {
        zip.putNextEntry(new ZipEntry("META-INF/maven/org.example/" + artifact + "/pom.properties"));
        zip.write(("groupId=org.example\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
