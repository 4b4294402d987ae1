package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Layer;
import dev.gate.image.fs.SquashLimits;
import dev.gate.image.fs.TestLayers;
import dev.gate.sbom.catalog.CatalogContext;
import dev.gate.sbom.catalog.CatalogDeadline;
import dev.gate.sbom.catalog.Cataloger;
import dev.gate.sbom.catalog.JavaCataloger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image that cannot be cataloged within the budget fails the run (exit 2); it never yields a partial SBOM. */
class CatalogTimeoutTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    @Test
    void aSpentBudgetFailsTheImageNamingItAndTheBudget() {
        SbomGenerator generator = new SbomGenerator(
                List.of(new Slow(), new JavaCataloger()), SquashLimits.DEFAULT, Duration.ofMillis(20));
        Layer layer = new TestLayers().file("app/a.jar", "not a jar").layer();
        CatalogDeadline.Exceeded e = assertThrows(
                CatalogDeadline.Exceeded.class,
                () -> generator.generate("registry.example/app:1", DIGEST, List.of(layer)));
        assertEquals(2, e.kind().exitCode());
        assertTrue(e.getMessage().contains("registry.example/app:1"), e.getMessage());
        assertTrue(e.getMessage().contains("20ms (--catalog-timeout)"), e.getMessage());
    }

    /** Reading the layers counts: a layer that trickles in is stopped at the budget, not after its last byte. */
    @Test
    void aLayerThatTricklesInIsStoppedAtTheBudget() {
        byte[] tar = new TestLayers().file("etc/big", new byte[64 << 10], 0644).tarBytes();
        SbomGenerator generator = SbomGenerator.standard(Duration.ofMillis(300));
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThrows(
                        CatalogDeadline.Exceeded.class,
                        () -> generator.generate("slow:layer", DIGEST, List.of(trickling(tar)))));
    }

    @Test
    void anImageNameIsShownWithControlCharactersEscaped() {
        SbomGenerator generator = new SbomGenerator(List.of(new Slow()), SquashLimits.DEFAULT, Duration.ofMillis(1));
        CatalogDeadline.Exceeded e = assertThrows(
                CatalogDeadline.Exceeded.class,
                () -> generator.generate("evil\u001b[2Jname", DIGEST, List.of(new TestLayers().layer())));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("evil\\u001b[2Jname"), e.getMessage());
    }

    @Test
    void aBudgetWithinReachLeavesTheSbomAlone() {
        Sbom sbom = SbomGenerator.standard(Duration.ofMinutes(1))
                .generate(
                        "fine:1",
                        DIGEST,
                        List.of(new TestLayers()
                                .file("etc/os-release", "ID=debian\n")
                                .layer()));
        assertEquals("debian", sbom.os().id());
    }

    @Test
    void theGuardKeepsSayingThatAStreamChecksItsDigestSoALayerIsHashedOnce() throws IOException {
        CatalogDeadline deadline = CatalogDeadline.start("image:1", Duration.ofMinutes(1));
        Layer layer = new TestLayers().file("etc/os-release", "ID=debian\n").layer();
        try (InputStream checked = new dev.gate.image.VerifyingInputStream(layer.open(), layer.descriptor(), "test");
                InputStream unchecked = layer.open()) {
            assertTrue(deadline.guard(checked) instanceof dev.gate.image.CheckedStream);
            assertFalse(deadline.guard(unchecked) instanceof dev.gate.image.CheckedStream);
        }
        // and a checked stream seen through the guard still fails on bytes that do not match
        byte[] served = layer.open().readAllBytes();
        served[served.length - 1] ^= 1;
        InputStream decoy = deadline.guard(new dev.gate.image.VerifyingInputStream(
                new java.io.ByteArrayInputStream(served), layer.descriptor(), "test"));
        assertThrows(IOException.class, () -> decoy.transferTo(java.io.OutputStream.nullOutputStream()));
    }

    /** A cataloger that takes its time, as a crafted file can make a real one do. */
    private static final class Slow implements Cataloger {
        @Override
        public boolean wants(String path, long size, int mode) {
            return false;
        }

        @Override
        public void catalog(CatalogContext context) {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One byte per read, 20 ms apart: 64 KiB would take over twenty minutes. */
    private static Layer trickling(byte[] tar) {
        Descriptor d = new TestLayers().layer().descriptor();
        return new Layer() {
            @Override
            public Descriptor descriptor() {
                return d;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(tar) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.read(b, off, Math.min(len, 1));
                    }
                };
            }

            @Override
            public InputStream openUncompressed() {
                return open();
            }
        };
    }
}
