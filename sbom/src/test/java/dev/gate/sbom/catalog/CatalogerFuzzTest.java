package dev.gate.sbom.catalog;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.fs.SquashLimits;
import dev.gate.image.fs.TestLayers;
import dev.gate.sbom.Purl;
import dev.gate.sbom.SbomGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every package database and metadata file an image may hold: the file's own parser, which may refuse it with
 * its declared {@link IllegalArgumentException} (or {@link IOException} for archives), and the cataloger over a
 * layer holding the file, which must turn whatever it cannot read into an unknown and never fail.
 */
class CatalogerFuzzTest {

    private static final List<Class<? extends Exception>> REFUSALS =
            List.of(IllegalArgumentException.class, IOException.class);
    private static final SquashLimits LIMITS = new SquashLimits(8 << 20, 4 << 20, 8 << 20, 8);
    private static final byte[] DEBIAN = "ID=debian\nVERSION_ID=12\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALPINE = "ID=alpine\nVERSION_ID=3.20.0\n".getBytes(StandardCharsets.UTF_8);

    /** Runs {@code cataloger} over an image whose only layer holds {@code content} at {@code path}. */
    private static void catalog(Cataloger cataloger, String path, byte[] content, int mode, byte[] osRelease)
            throws Exception {
        TestLayers layer =
                new TestLayers().file("etc/os-release", osRelease, 0644).file(path, content, mode);
        parses(() -> new SbomGenerator(List.of(cataloger), LIMITS)
                .generate("fuzz", "sha256:" + "0".repeat(64), List.of(layer.layer())));
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    @FuzzTest
    void dpkgStatus(byte[] input) throws Exception {
        parses(() -> KeyValueFile.paragraphs(text(input)), REFUSALS);
        catalog(new DpkgCataloger(), "var/lib/dpkg/status", input, 0644, DEBIAN);
    }

    @FuzzTest
    void debianCopyright(byte[] input) throws Exception {
        parses(() -> DebianCopyright.parse(text(input)), REFUSALS);
    }

    @FuzzTest
    void apkInstalled(byte[] input) throws Exception {
        parses(() -> KeyValueFile.paragraphs(text(input)), REFUSALS);
        catalog(new ApkCataloger(), "lib/apk/db/installed", input, 0644, ALPINE);
    }

    @FuzzTest
    void rpmHeader(byte[] input) throws Exception {
        parses(
                () -> {
                    RpmHeader header = RpmHeader.parse(input);
                    for (int tag = RpmHeader.NAME; tag <= RpmHeader.SOURCERPM; tag++) {
                        header.string(tag);
                        header.integer(tag);
                    }
                },
                REFUSALS);
    }

    @FuzzTest
    void jar(byte[] input) throws Exception {
        parses(
                () -> new JarReader(CatalogDeadline.start("fuzz", java.time.Duration.ofMinutes(1)))
                        .read("/app/app.jar", new java.io.ByteArrayInputStream(input)),
                REFUSALS);
        catalog(new JavaCataloger(), "app/app.jar", input, 0644, DEBIAN);
    }

    @FuzzTest
    void pythonMetadata(byte[] input) throws Exception {
        parses(() -> KeyValueFile.header(text(input)), REFUSALS);
        catalog(
                new PythonCataloger(),
                "usr/lib/python3/site-packages/fuzz-1.0.dist-info/METADATA",
                input,
                0644,
                DEBIAN);
    }

    @FuzzTest
    void npmPackage(byte[] input) throws Exception {
        parses(() -> NpmCataloger.licenses(new ObjectMapper().readTree(input)), REFUSALS);
        catalog(new NpmCataloger(), "usr/lib/node_modules/fuzz/package.json", input, 0644, DEBIAN);
    }

    @FuzzTest
    void goBuildInfo(byte[] input) throws Exception {
        parses(() -> GoBuildInfo.parse(input), REFUSALS);
        byte[] binary = new byte[4 + input.length];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F'}, 0, binary, 0, 4);
        System.arraycopy(input, 0, binary, 4, input.length);
        parses(() -> GoBuildInfo.capture(new ByteArrayInputStream(binary)), REFUSALS);
        catalog(new GoBinaryCataloger(), "usr/bin/fuzz", binary, 0755, DEBIAN);
    }

    @FuzzTest
    void osRelease(byte[] input) throws Exception {
        parses(() -> OsReleaseParser.parse(text(input)), REFUSALS);
    }

    @FuzzTest
    void purl(byte[] input) throws Exception {
        // What gate prints it must read back.
        parses(() -> Purl.parse(Purl.parse(text(input)).toString()), REFUSALS);
    }
}
