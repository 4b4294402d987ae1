package dev.gate.image.fs;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** Layer tars of any bytes (plain, gzip or zstd) through the squasher, then every path looked up and read. */
class SquasherFuzzTest {

    /** Small limits, so a hostile layer reaches them within one fuzz input. */
    private static final SquashLimits LIMITS = new SquashLimits(1 << 20, 64 << 10, 256 << 10, 8);

    private static final ContentCapture EVERYTHING = ContentCapture.everything();

    @FuzzTest
    void layer(byte[] stored) throws Exception {
        parses(() -> {
            // The same layer twice: the upper copy's whiteouts and links then act on the lower one's entries.
            SquashedFilesystem fs =
                    new Squasher(EVERYTHING, LIMITS).squash(List.of(TestLayers.of(stored), TestLayers.of(stored)));
            for (FileEntry entry : fs.entries()) {
                fs.resolve(entry.path());
                fs.content(entry.path());
                fs.under(entry.path());
            }
        });
    }
}
