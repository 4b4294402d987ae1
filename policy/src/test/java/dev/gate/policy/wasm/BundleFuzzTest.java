package dev.gate.policy.wasm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bundles and wasm modules come from outside, and so does what a module writes back: each parser returns or refuses
 * the bytes with an {@link IllegalArgumentException} naming the problem; anything else escapes and is what the
 * fuzzer reports.
 */
class BundleFuzzTest {

    private interface Step {
        void run();
    }

    private static void refusedOnlyAsInputError(Step step) {
        try {
            step.run();
        } catch (IllegalArgumentException refused) {
            // The reader named what was wrong: the outcome the target exists to allow.
        }
    }

    private static Path file(String name, byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("bundle-fuzz");
            dir.toFile().deleteOnExit();
            Path f = Files.write(dir.resolve(name), bytes);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void bundle(byte[] input) {
        Path f = file("fuzz.tar.gz", input);
        refusedOnlyAsInputError(() -> Bundle.read(f));
    }

    @FuzzTest
    void module(byte[] input) {
        Path f = file("fuzz.wasm", input);
        refusedOnlyAsInputError(() -> WasmAbi.check(f, Bundle.read(f).wasm()));
    }

    @FuzzTest
    void valueText(byte[] input) {
        refusedOnlyAsInputError(() -> OpaValueText.parse(new String(input, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
