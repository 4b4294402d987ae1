package dev.gate.scan;

import dev.gate.image.testing.TestMaterial;
import java.nio.file.Path;

/** Locates /work/shared test material; missing folder fails under CI=true, else skips visibly. */
public final class SharedData {

    private SharedData() {}

    public static Path path(String relative) {
        return TestMaterial.shared(relative);
    }
}
