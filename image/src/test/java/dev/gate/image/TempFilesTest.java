package dev.gate.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @Test
    void aFolderIsPrivateAndGoneWithEverythingInItOnClose() throws Exception {
        Path dir;
        try (TempFiles.Folder folder = TempFiles.folder("gate-test-")) {
            dir = folder.path();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Files.createDirectories(dir.resolve("a/b"));
            Files.writeString(dir.resolve("a/b/c"), "x");
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void removalDoesNotFollowALinkOutOfTheFolder(@TempDir Path outside) throws Exception {
        Path kept = Files.writeString(outside.resolve("kept"), "x");
        try (TempFiles.Folder folder = TempFiles.folder("gate-test-")) {
            Files.createSymbolicLink(folder.path().resolve("link"), outside);
        }
        assertTrue(Files.exists(kept));
    }

    @Test
    void aRunStoppedBySigtermLeavesNoFolderBehind() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TempFolderHolder.class.getName())
                .redirectErrorStream(true)
                .start();
        Path folder;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            folder = Path.of(out.readLine());
            assertTrue(Files.exists(folder.resolve("blob")));
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(folder), folder + " is left behind");
    }
}
