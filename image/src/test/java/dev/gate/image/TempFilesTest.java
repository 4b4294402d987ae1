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
}
