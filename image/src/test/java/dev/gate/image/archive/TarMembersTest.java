package dev.gate.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarMembersTest {

    @Test
    void membersReadOnTwoThreadsAtOnceEachGetTheirOwnBytes(@TempDir Path dir) throws Exception {
        byte[] first = random(1, 4 << 20);
        byte[] second = random(2, 4 << 20);
        Path archive = dir.resolve("image.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            add(tar, "a/layer.tar", first);
            add(tar, "b/layer.tar", second);
        }
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (TarMembers members = new TarMembers(archive)) {
            for (int round = 0; round < 3; round++) {
                List<Future<byte[]>> digests = List.of(
                        readers.submit(() -> sha256(members.open("a/layer.tar"))),
                        readers.submit(() -> sha256(members.open("b/layer.tar"))));
                assertArrayEquals(
                        MessageDigest.getInstance("SHA-256").digest(first),
                        digests.get(0).get());
                assertArrayEquals(
                        MessageDigest.getInstance("SHA-256").digest(second),
                        digests.get(1).get());
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Small reads, so that the two threads' calls interleave many times. */
    private static byte[] sha256(InputStream member) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = member;
                OutputStream sink = OutputStream.nullOutputStream()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                sink.write(buffer, 0, n);
            }
        }
        return digest.digest();
    }
}
