package dev.gate.image.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout lock between processes: one writer at a time, and a killed holder leaves no lock behind. */
class LayoutLockTest {

    @TempDir
    Path layout;

    private Process holder(long millis) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LayoutLockHolder.class.getName(),
                        layout.toString(),
                        Long.toString(millis))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        assertEquals("locked", out.readLine());
        return child;
    }

    @Test
    void anotherProcessWaitsForTheHolder() throws Exception {
        Process child = holder(1500);
        long start = System.nanoTime();
        long waited = LayoutLock.holding(layout, () -> System.nanoTime() - start);
        assertTrue(
                TimeUnit.NANOSECONDS.toMillis(waited) >= 500,
                "waited " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void aKilledHolderLeavesNoStaleLock() throws Exception {
        Process child = holder(600_000);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        long start = System.nanoTime();
        LayoutLock.holding(layout, () -> null);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefused(@TempDir Path elsewhere) throws Exception {
        Files.createSymbolicLink(layout.resolve(LayoutLock.FILE), Files.createFile(elsewhere.resolve("target")));
        GateException e = assertThrows(GateException.class, () -> LayoutLock.holding(layout, () -> null));
        assertEquals(GateException.Kind.INPUT, e.kind());
    }
}
