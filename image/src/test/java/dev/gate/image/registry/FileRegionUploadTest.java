package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploads of {@link BlobUploadTest}, faults included, with the blob sent from a region of a local file, as
 * layout blobs and tar members are: mapped, not streamed. The region sits between other bytes, as a member
 * does in a tar, so every offset is checked against the file's.
 */
class FileRegionUploadTest extends BlobUploadTest {

    static final int BEFORE = 4096 + 512;

    @TempDir
    Path temp;

    @Override
    void send(RegistryClient client, byte[] bytes, LongConsumer progress) throws IOException {
        client.uploadBlob(descriptor, new FileRegion(fileAround(bytes), BEFORE, bytes.length), progress);
    }

    @Override
    String mismatchMessage() {
        return "do not match their digest";
    }

    private Path fileAround(byte[] bytes) throws IOException {
        byte[] file = new byte[BEFORE + bytes.length + 1000];
        Arrays.fill(file, (byte) 0x5a);
        System.arraycopy(bytes, 0, file, BEFORE, bytes.length);
        return Files.write(temp.resolve("archive.tar"), file);
    }

    @Test
    void fileShorterThanTheRegionIsBadInput() throws IOException {
        Path file = Files.write(temp.resolve("short"), Arrays.copyOf(content, SIZE - 10));
        GateException error = assertThrows(
                GateException.class,
                () -> client(UploadSizes.DEFAULT).uploadBlob(descriptor, new FileRegion(file, 0, SIZE), done -> {}));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(
                error.getMessage().contains(file + ": ends before the blob's " + SIZE + " bytes"), error.getMessage());
    }

    @Test
    void regionsLargerThanOneMappingAreSentWindowByWindow() throws IOException {
        Path file = fileAround(content);
        BlobCursor cursor = BlobCursor.of(new FileRegion(file, BEFORE, SIZE), 1024 * 1024 + 3, done -> {});
        assertArrayEquals(content, BodyBytes.of(cursor.body(0, SIZE)));
        // after a failure a body starts again at an earlier offset, in an earlier window
        assertArrayEquals(Arrays.copyOfRange(content, 1000, SIZE), BodyBytes.of(cursor.body(1000, SIZE - 1000)));
        assertArrayEquals(
                Arrays.copyOfRange(content, 2_500_000, 2_600_000), BodyBytes.of(cursor.body(2_500_000, 100_000)));
    }

    /** The bytes a request body publishes. */
    static final class BodyBytes {
        static byte[] of(HttpRequest.BodyPublisher body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Void> done = new CompletableFuture<>();
            body.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    byte[] bytes = new byte[item.remaining()];
                    item.get(bytes);
                    out.write(bytes, 0, bytes.length);
                }

                @Override
                public void onError(Throwable failure) {
                    done.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.join();
            return out.toByteArray();
        }
    }
}
