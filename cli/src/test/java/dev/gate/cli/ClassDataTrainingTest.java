package dev.gate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassDataTrainingTest {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));

    @Test
    void everyStepRunsItsCommandToTheEndAndNothingIsLeftBehind() throws IOException {
        List<Path> before = trainingFolders();

        // Every step must succeed, or the archive would miss the classes of what follows the failure.
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), ClassDataTraining.run(ROOT));
        assertEquals(before, trainingFolders());
    }

    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("gate-training"))
                    .sorted()
                    .toList();
        }
    }
}
