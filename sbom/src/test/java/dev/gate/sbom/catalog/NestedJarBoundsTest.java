package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted Java archives (big nested jars, deep nesting, big archives in a layer) are read in a small heap: a
 * separate JVM with 48 MiB catalogs a jar whose nested archives inflate to over a GiB, and a layer of 64 MiB
 * archives. Copying an archive into memory, as an earlier reader did, runs out of heap on either.
 */
class NestedJarBoundsTest {

    private static final int BIG = 64 << 20;

    @Test
    void bigAndDeeplyNestedJarsAreReadInASmallHeap(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("bomb.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            writeBomb(out);
        }
        String output = inSmallHeap("jar", jar);
        assertTrue(output.contains("package org.example:outer:1.0"), output);
        assertTrue(output.contains("package org.example:big:2.0"), output);
        assertTrue(output.contains("package org.example:level1:1"), output);
        assertTrue(output.contains("nested deeper than " + JarReader.MAX_DEPTH + " archives"), output);
        assertTrue(output.contains("stopped after " + JarReader.MAX_INFLATED + " inflated bytes"), output);
    }

    /** Top-level archives are read as the layer streams past, not kept whole: three of 64 MiB in a 48 MiB heap. */
    @Test
    void bigArchivesInALayerAreReadInASmallHeap(@TempDir Path dir) throws Exception {
        Path layer = dir.resolve("layer.tar.gz");
        try (OutputStream file = Files.newOutputStream(layer);
                GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            for (int i = 0; i < 3; i++) {
                ByteArrayOutputStream small = new ByteArrayOutputStream();
                bigJar(small, 0);
                TarArchiveEntry entry = new TarArchiveEntry("opt/app/big-" + i + ".jar");
                entry.setSize(small.size() + BIG);
                tar.putArchiveEntry(entry);
                bigJar(tar, BIG);
                tar.closeArchiveEntry();
            }
        }
        String output = inSmallHeap("layer", layer);
        assertEquals(
                3,
                output.lines()
                        .filter(l -> l.equals("package pkg:maven/org.example/big@2.0"))
                        .count(),
                output);
    }

    @Test
    void aSpentDeadlineStopsTheReaderInsteadOfBecomingAProblem() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            pom(zip, "small", "1");
        }
        CatalogDeadline spent = CatalogDeadline.start("img", Duration.ofNanos(1));
        Thread.sleep(2);
        JarReader reader = new JarReader(spent);
        assertThrows(
                CatalogDeadline.Exceeded.class,
                () -> reader.read("/app/small.jar", new ByteArrayInputStream(bytes.toByteArray())));
    }

    /**
     * An entry whose sizes its local header gives, and that only names a class, is passed over as it lies: a jar
     * whose class entry inflates past the work bound still gets the pom.properties that follows it.
     */
    @Test
    void anEntryThatIsNotReadIsNotInflated(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("sized.jar");
        try (org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream zip =
                new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(jar)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putArchiveEntry(
                    new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("org/example/Huge.class"));
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written <= JarReader.MAX_INFLATED; written += chunk.length) {
                zip.write(chunk);
            }
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(
                    "META-INF/maven/org.example/sized/pom.properties"));
            zip.write("groupId=org.example\nartifactId=sized\nversion=1\n".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        JarFindings found;
        try (InputStream in = Files.newInputStream(jar)) {
            found = new JarReader(CatalogDeadline.start("img", Duration.ofMinutes(2))).read("/app/sized.jar", in);
        }
        assertEquals(List.of(), found.problems());
        assertEquals("sized", found.archives().get(0).poms().get(0).artifact());
    }

    private static String inSmallHeap(String what, Path file) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx48m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CatalogInSmallHeap.class.getName(),
                        what,
                        file.toString())
                .redirectErrorStream(true)
                .start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    /** Runs in the small-heap JVM: catalogs a jar file or a layer file and prints packages and problems. */
    public static final class CatalogInSmallHeap {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[1]);
            CatalogDeadline deadline = CatalogDeadline.start("bomb", Duration.ofMinutes(2));
            if (args[0].equals("jar")) {
                try (InputStream in = Files.newInputStream(file)) {
                    JarFindings found = new JarReader(deadline).read("/app/bomb.jar", in);
                    found.archives()
                            .forEach(a -> a.poms()
                                    .forEach(c -> System.out.println(
                                            "package " + c.group() + ":" + c.artifact() + ":" + c.version())));
                    found.problems().forEach(p -> System.out.println("problem " + p));
                }
                return;
            }
            Descriptor d = Descriptor.of(
                    "application/vnd.oci.image.layer.v1.tar+gzip",
                    Digest.sha256(Files.readAllBytes(file)),
                    Files.size(file));
            Layer layer = new Layer() {
                @Override
                public Descriptor descriptor() {
                    return d;
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }

                @Override
                public InputStream openUncompressed() throws IOException {
                    return new GZIPInputStream(open());
                }
            };
            Sbom sbom = SbomGenerator.standard().generate("bomb", d.digest().toString(), List.of(layer));
            sbom.packages().forEach(p -> System.out.println("package " + p.purl()));
            sbom.unknowns().forEach(u -> System.out.println("problem " + u));
        }
    }

    /**
     * The outer jar holds seventeen copies of a jar with 64 MiB of stored zeros (each compresses to a few KiB in the
     * outer jar; together they inflate past the reader's work bound of 1 GiB) and a chain of jars nested six deep.
     */
    private static void writeBomb(OutputStream out) throws IOException {
        try (ZipOutputStream outer = new ZipOutputStream(out)) {
            outer.setLevel(Deflater.BEST_SPEED);
            pom(outer, "outer", "1.0");
            outer.putNextEntry(new ZipEntry("lib/deep.jar"));
            deepChain(unclosable(outer), 1, 6);
            outer.closeEntry();
            for (int i = 0; i < 17; i++) {
                outer.putNextEntry(new ZipEntry("lib/big-" + i + ".jar"));
                bigJar(outer, BIG);
                outer.closeEntry();
            }
        }
    }

    /** A jar with a pom.properties and {@code size} bytes of stored zeros. */
    private static void bigJar(OutputStream out, int size) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(unclosable(out))) {
            pom(zip, "big", "2.0");
            ZipEntry zeros = new ZipEntry("zeros.bin");
            zeros.setMethod(ZipEntry.STORED);
            zeros.setSize(size);
            byte[] chunk = new byte[1 << 20];
            CRC32 crc = new CRC32();
            for (int i = 0; i < size / chunk.length; i++) {
                crc.update(chunk);
            }
            zeros.setCrc(crc.getValue());
            zip.putNextEntry(zeros);
            for (int i = 0; i < size / chunk.length; i++) {
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
        zip.write(("groupId=org.example\nartifactId=" + artifact + "\nversion=" + version + "\n")
                .getBytes(StandardCharsets.UTF_8));
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
