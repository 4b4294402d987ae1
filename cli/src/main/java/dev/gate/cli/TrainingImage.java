package dev.gate.cli;

import dev.gate.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A docker-archive holding a Spring Boot-style application jar (a manifest, a class, a pom.properties and a pom.xml,
 * and a library jar stored inside it), so that the class-data training also runs the Java cataloger, which the
 * sample image (a Debian root) never reaches.
 */
final class TrainingImage {

    private TrainingImage() {}

    /** Writes the archive at {@code file}. */
    static void write(Path file) throws IOException {
        byte[] library = jar(null);
        byte[] application = jar(library);
        byte[] layer = tar(out -> entry(out, "app/app.jar", application));
        String diffId = Digest.sha256(layer).toString();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + diffId + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configName = Digest.sha256(config).hex() + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName
                        + "\",\"RepoTags\":[\"gate/training:1\"],\"Layers\":[\"layer.tar\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, tar(out -> {
            entry(out, configName, config);
            entry(out, "manifest.json", manifest);
            entry(out, "layer.tar", layer);
        }));
    }

    /** An application jar with {@code library} stored in BOOT-INF/lib, or a library jar when it is null. */
    private static byte[] jar(byte[] library) throws IOException {
        String artifact = library == null ? "library" : "application";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zipEntry(
                    zip,
                    "META-INF/MANIFEST.MF",
                    "Manifest-Version: 1.0\r\nImplementation-Title: " + artifact
                            + "\r\nImplementation-Version: 1.0\r\nAutomatic-Module-Name: org.example." + artifact
                            + "\r\n\r\n");
            zipEntry(zip, "org/example/" + artifact + "/Main.class", "");
            zipEntry(
                    zip,
                    "META-INF/maven/org.example/" + artifact + "/pom.properties",
                    "groupId=org.example\nartifactId=" + artifact + "\nversion=1.0\n");
            zipEntry(
                    zip,
                    "META-INF/maven/org.example/" + artifact + "/pom.xml",
                    "<project><groupId>org.example</groupId><artifactId>" + artifact
                            + "</artifactId><version>1.0</version></project>");
            if (library != null) {
                ZipEntry stored = new ZipEntry("BOOT-INF/lib/library-1.0.jar");
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(library.length);
                CRC32 crc = new CRC32();
                crc.update(library);
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(library);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void zipEntry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private interface Entries {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static byte[] tar(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            entries.write(out);
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }
}
