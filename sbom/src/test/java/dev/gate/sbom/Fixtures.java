package dev.gate.sbom;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Turns fixture trees and in-memory files into layers, the way an image build would. */
final class Fixtures {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent().resolve("testdata/sbom");

    private Fixtures() {}

    /** A layer holding the fixture tree's files (relative paths), plus extra files with their modes. */
    static Layer layer(String fixture, Map<String, byte[]> extra, int extraMode) {
        Map<String, byte[]> files = new TreeMap<>();
        if (fixture != null) {
            Path dir = ROOT.resolve(fixture);
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = dir.relativize(p).toString();
                    if (!rel.equals("README.md")) {
                        files.put(rel, Files.readAllBytes(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(tar, f.getKey(), f.getValue(), 0644);
            }
            for (Map.Entry<String, byte[]> f : new TreeMap<>(extra).entrySet()) {
                put(tar, f.getKey(), f.getValue(), extraMode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(bytes.toByteArray());
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length);
        e.setMode(mode);
        e.setModTime(0);
        // Fixed owner fields keep the layer digests (and so the golden files) the same on every machine.
        e.setUserName("");
        e.setGroupName("");
        e.setIds(0, 0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static Layer of(byte[] stored) {
        Descriptor d = Descriptor.of("application/vnd.oci.image.layer.v1.tar", Digest.sha256(stored), stored.length);
        return new Layer() {
            @Override
            public Descriptor descriptor() {
                return d;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(stored);
            }

            @Override
            public InputStream openUncompressed() {
                return open();
            }
        };
    }

    static Sbom generate(Layer... layers) {
        return SbomGenerator.standard().generate("fixture:latest", "sha256:" + "0".repeat(64), List.of(layers));
    }

    static Package only(Sbom sbom, String name) {
        List<Package> found =
                sbom.packages().stream().filter(p -> p.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one package " + name + " but found " + found + " in " + sbom.packages());
        }
        return found.get(0);
    }
}
