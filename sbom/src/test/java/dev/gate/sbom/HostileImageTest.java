package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostileImageTest {

    @Test
    void truncatedAndGarbageLayersAreReportedNotFatal() {
        byte[] good = tarBytes();
        byte[] truncated = Arrays.copyOf(good, good.length / 2 + 100);
        byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7};
        Sbom sbom = Fixtures.generate(Fixtures.of(garbage), Fixtures.of(truncated));
        assertFalse(sbom.unknowns().isEmpty());
        assertTrue(
                sbom.unknowns().stream().anyMatch(u -> u.reason().contains("unreadable")),
                sbom.unknowns().toString());
    }

    @Test
    void corruptDatabasesBecomeUnknowns() {
        Sbom sbom = Fixtures.generate(Fixtures.layer(
                null,
                Map.of(
                        "var/lib/dpkg/status",
                                "Package: x\n\u0000garbage without colon\n".getBytes(StandardCharsets.UTF_8),
                        "lib/apk/db/installed", "P:only-a-name\n".getBytes(StandardCharsets.UTF_8),
                        "usr/lib/python3/site-packages/x-1.dist-info/METADATA", new byte[] {(byte) 0xff, (byte) 0xfe}),
                0644));
        assertEquals(0, sbom.packages().size());
        assertTrue(sbom.unknowns().size() >= 3, sbom.unknowns().toString());
    }

    private static byte[] tarBytes() {
        try (var in = Fixtures.layer("debian", Map.of(), 0644).open()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
