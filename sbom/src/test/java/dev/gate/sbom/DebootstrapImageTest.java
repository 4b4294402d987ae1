package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real Debian root made by testdata/sbom/make-debian-image.sh: gate's Debian package list must be
 * exactly what dpkg-query reports for that root.
 */
class DebootstrapImageTest {

    private static Path cache() {
        String configured = System.getenv("GATE_SBOM_CACHE");
        Path dir =
                configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache/gate-sbom");
        boolean present = Files.isRegularFile(dir.resolve("bookworm-layer.tar"))
                && Files.isRegularFile(dir.resolve("bookworm-dpkg.txt"));
        if (!present) {
            TestMaterial.missing("Debian image not built: run testdata/sbom/make-debian-image.sh " + dir);
        }
        return dir;
    }

    @Test
    void debianPackagesEqualDpkgQuery() throws IOException {
        Path dir = cache();
        Path tar = dir.resolve("bookworm-layer.tar");
        Sbom sbom =
                SbomGenerator.standard().generate("debootstrap", "sha256:" + "1".repeat(64), List.of(fileLayer(tar)));
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("bookworm-dpkg.txt"))) {
            String[] f = line.split("\t");
            if (f.length == 2 && !f[1].isEmpty()) {
                expected.put(f[0].replaceFirst(":[a-z0-9]+$", ""), f[1]);
            }
        }
        Map<String, String> found = sbom.packages().stream()
                .filter(p -> p.ecosystem().equals("deb"))
                .collect(Collectors.toMap(Package::name, Package::version, (a, b) -> a, TreeMap::new));
        assertEquals(expected, found);
        assertEquals("debian", sbom.os().id());
        assertTrue(sbom.packages().stream()
                .filter(p -> p.ecosystem().equals("deb"))
                .allMatch(
                        p -> p.purl().startsWith("pkg:deb/debian/") && p.purl().contains("distro=debian-12")));
        long licensed =
                sbom.packages().stream().filter(p -> !p.licenses().isEmpty()).count();
        assertTrue(licensed > expected.size() / 2, "most Debian packages ship a copyright file: " + licensed);
    }

    static Layer fileLayer(Path tar) throws IOException {
        Digest digest;
        try (InputStream in = Files.newInputStream(tar)) {
            var hasher = Digest.newSha256();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                hasher.update(buffer, 0, n);
            }
            digest = Digest.ofSha256Bytes(hasher.digest());
        }
        Descriptor d = Descriptor.of("application/vnd.oci.image.layer.v1.tar", digest, Files.size(tar));
        return new Layer() {
            @Override
            public Descriptor descriptor() {
                return d;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(tar);
            }

            @Override
            public InputStream openUncompressed() throws IOException {
                return open();
            }
        };
    }
}
