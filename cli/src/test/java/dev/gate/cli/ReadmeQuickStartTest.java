package dev.gate.cli;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start is the first thing a newcomer runs: its gate command, as written there, gates the bundled
 * sample image and lets it through. Paths in it are read from the checkout; the destination goes to a temporary folder.
 */
class ReadmeQuickStartTest {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));

    @TempDir
    Path dir;

    @Test
    void theQuickStartGatesTheSampleImageAndAllowsIt() throws Exception {
        List<String> words = quickStartCommand();
        assertEquals(
                List.of("./gate", "push"),
                words.subList(0, 2),
                "the quick start's first command is a gate push: " + words);
        List<String> args = new ArrayList<>();
        for (String word : words.subList(1, words.size())) args.add(fromCheckout(word));
        Run run = gate(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("policy    ALLOWED"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("gate-out/index.json")), "the layout was written");
    }

    /** The first command of the quick start's code block, its continuation lines joined. */
    private static List<String> quickStartCommand() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int at = lines.indexOf("## Quick start");
        StringBuilder command = new StringBuilder();
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("    ")) {
                if (command.length() > 0) break;
                continue;
            }
            String text = line.strip();
            command.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text)
                    .append(' ');
            if (!text.endsWith("\\")) break;
        }
        return List.of(command.toString().trim().split("\\s+"));
    }

    /** Paths the README names relative to the checkout, read from it; its /tmp destination written under the test's folder. */
    private String fromCheckout(String word) {
        if (word.startsWith("oci:/tmp/")) return "oci:" + dir.resolve(word.substring("oci:/tmp/".length()));
        if (word.startsWith("oci:")) return "oci:" + ROOT.resolve(word.substring("oci:".length()));
        if (!word.startsWith("-") && Files.exists(ROOT.resolve(word)))
            return ROOT.resolve(word).toString();
        return word;
    }
}
