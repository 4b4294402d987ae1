package dev.gate.image.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The bundled sample image, {@code testdata/sample}: an OCI layout tagged 1.0.0. */
public final class SampleLayout {

    public static final Path PATH =
            Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    private SampleLayout() {}

    /** A copy of the layout at {@code target}, for tests that change it. */
    public static Path copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(PATH)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(PATH.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
