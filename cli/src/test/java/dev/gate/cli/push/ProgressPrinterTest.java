package dev.gate.cli.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.transport.PushListener.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    static final Descriptor LAYER =
            Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256("layer".getBytes(StandardCharsets.UTF_8)), 2_000_000);
    static final Descriptor CONFIG =
            Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256("config".getBytes(StandardCharsets.UTF_8)), 500);

    @Test
    void terminalGetsOneLiveBarPerLayerRedrawnInPlace() {
        StringWriter screen = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(screen), true);
        printer.blobStarted(LAYER);
        printer.blobFinished(CONFIG, Outcome.SKIPPED_EXISTING);
        printer.blobProgress(LAYER, 1_000_000);
        printer.blobFinished(LAYER, Outcome.UPLOADED);
        String text = screen.toString();
        String layer = LAYER.digest().hex().substring(0, 12);
        assertTrue(text.contains(layer + ": Pushing"), text);
        assertTrue(text.contains("/2.0MB"), text);
        assertTrue(text.contains("\u001b[2A"), "cursor moved up over both rows to redraw them: " + text);
        String last = text.substring(text.lastIndexOf("\u001b[2A"));
        assertTrue(last.contains(layer + ": Pushed\n"), last);
        assertTrue(last.contains(CONFIG.digest().hex().substring(0, 12) + ": Layer already exists\n"), last);
    }

    @Test
    void barShowsHowFarALayerIs() {
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(new StringWriter()), true);
        printer.blobStarted(LAYER);
        assertEquals("[" + "=".repeat(15) + ">" + " ".repeat(14) + "]", bar(1_000_000));
        assertEquals("[" + "=".repeat(30) + "]", bar(2_000_000));
    }

    private static String bar(long done) {
        StringWriter screen = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(screen), true);
        printer.blobStarted(LAYER);
        printer.blobProgress(LAYER, done);
        printer.blobStarted(LAYER);
        String text = screen.toString();
        return text.substring(text.lastIndexOf('['), text.lastIndexOf(']') + 1);
    }

    @Test
    void plainOutputHasOneLinePerBlobAndNoEscapes() {
        StringWriter log = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(log), false);
        printer.blobStarted(LAYER);
        printer.blobProgress(LAYER, 1_000_000);
        printer.blobFinished(LAYER, Outcome.UPLOADED);
        printer.blobFinished(CONFIG, Outcome.MOUNTED);
        assertEquals(
                LAYER.digest().hex().substring(0, 12) + ": Pushed (2000000 bytes)\n"
                        + CONFIG.digest().hex().substring(0, 12) + ": Mounted from another repository (500 bytes)\n",
                log.toString());
        assertFalse(log.toString().contains("\u001b"));
    }

    @Test
    void sizesReadLikeDockers() {
        assertEquals("999B", ProgressPrinter.human(999));
        assertEquals("1.5MB", ProgressPrinter.human(1_500_000));
        assertEquals("1.1GB", ProgressPrinter.human(1_073_741_824L));
    }
}
