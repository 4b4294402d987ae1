package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.SampleLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing into a layout never follows a link planted in it: nothing is read or written outside the layout. */
class LayoutSignatureLinkTest {

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @BeforeEach
    void password() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    @Test
    void aBlobsFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        assertEquals(
                0,
                gate("key", "generate", "--output-key-prefix", dir.resolve("k").toString())
                        .code());
        Path layout = SampleLayout.copyTo(dir.resolve("layout"));
        Path outside = Files.createDirectories(dir.resolve("outside/sha256"));
        // The layout's own blobs, moved out and linked back: reading them works through the link, writing must not.
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Files.move(blob, outside.resolve(blob.getFileName()));
            }
        }
        Files.delete(layout.resolve("blobs/sha256"));
        Files.createSymbolicLink(layout.resolve("blobs/sha256"), outside);
        long before;
        try (var files = Files.list(outside)) {
            before = files.count();
        }
        Run run = gate("sign", "--key", dir.resolve("k.key").toString(), "oci:" + layout + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("symbolic link"), run.err());
        try (var files = Files.list(outside)) {
            assertEquals(before, files.count(), "nothing written through the link");
        }
    }

    @Test
    void anOciLayoutMarkerThatIsALinkIsNotWrittenThrough() throws Exception {
        assertEquals(
                0,
                gate("key", "generate", "--output-key-prefix", dir.resolve("k").toString())
                        .code());
        Path layout = SampleLayout.copyTo(dir.resolve("layout"));
        Path target = dir.resolve("victim.txt");
        Files.delete(layout.resolve("oci-layout"));
        Files.createSymbolicLink(layout.resolve("oci-layout"), target);
        Run run = gate("sign", "--key", dir.resolve("k.key").toString(), "oci:" + layout + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertFalse(Files.exists(target), "nothing written through the link");
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
