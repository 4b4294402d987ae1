package dev.gate.sbom.catalog;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Images of one layer holding the given files, cataloged as gate sbom does. */
final class JavaLayers {

    private JavaLayers() {
    }

    static Sbom catalog(Map<String, byte[]> files, JavaIndex index) {
        return SbomGenerator.standard(Duration.ofMinutes(1), index).generate("fixture", "sha256:" + "0".repeat(64), List.of(layer(files)));
    }

    static Layer layer(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey(), true);
                e.setSize(f.getValue().length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] stored = bytes.toByteArray();
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

    static Package at(Sbom sbom, String path) {
        List<Package> found = sbom.packages().stream().filter(p -> p.paths().contains(path)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one package at " + path + " but found " + found);
        }
        return found.get(0);
    }

    /** The promise of issue #22: a Maven purl always has its group. */
    static void noGrouplessPurl(Sbom sbom) {
        for (Package p : sbom.packages()) {
            if (p.purl() != null && p.purl().startsWith("pkg:maven/") && p.purl().substring(10).indexOf('/') < 0) {
                throw new AssertionError("Maven purl without a group: " + p.purl());
            }
        }
    }
}
