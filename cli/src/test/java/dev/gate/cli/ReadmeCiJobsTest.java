package dev.gate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's CI jobs are copied into pipelines as they are: every gate command they run exists, and every flag they
 * give it is one that command takes.
 */
class ReadmeCiJobsTest {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));
    private static final Pattern FLAG = Pattern.compile("(?<=\\s)--[a-z][a-z0-9-]*");

    @Test
    void everyGateCommandAndFlagOfTheCiJobsExists() throws Exception {
        List<String> commands = gateCommands();
        assertTrue(
                commands.size() >= 6, "the GitHub and GitLab jobs log in, update the database and push: " + commands);
        assertTrue(
                commands.stream().anyMatch(c -> c.contains("--sarif"))
                        && commands.stream().anyMatch(c -> c.contains("--gitlab-codequality")),
                commands.toString());
        for (String command : commands) {
            String[] words = command.split("\\s+");
            CommandLine cli = Main.commandLine();
            int at = 1;
            while (at < words.length && cli.getSubcommands().containsKey(words[at])) {
                cli = cli.getSubcommands().get(words[at++]);
            }
            assertTrue(at > 1, "a gate command: " + command);
            Matcher flags = FLAG.matcher(command);
            while (flags.find()) {
                assertNotNull(
                        cli.getCommandSpec().findOption(flags.group()),
                        "gate " + cli.getCommandName() + " has no " + flags.group() + ": " + command);
            }
        }
    }

    /** Each {@code gate ...} run in the section's YAML blocks, its continuation lines joined. */
    private static List<String> gateCommands() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### CI jobs with the distribution");
        String section = readme.substring(start, readme.indexOf("\n## ", start));
        List<String> commands = new ArrayList<>();
        String[] lines = section.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher gate =
                    Pattern.compile("(?:^|[|;&]\\s*|- (?:run: )?)(gate \\S.*)$").matcher(lines[i].strip());
            if (!gate.find()) {
                continue;
            }
            StringBuilder command = new StringBuilder(gate.group(1));
            int indent = lines[i].indexOf(lines[i].strip());
            // Continuation lines: a trailing backslash (shell), or lines indented deeper (a folded YAML scalar).
            while (i + 1 < lines.length && (command.toString().endsWith("\\") || indentOf(lines[i + 1]) > indent + 2)) {
                if (command.toString().endsWith("\\")) {
                    command.setLength(command.length() - 1);
                }
                command.append(' ').append(lines[++i].strip());
            }
            commands.add(command.toString().replaceAll("\\s+", " "));
        }
        assertEquals(0, commands.stream().filter(c -> c.endsWith("\\")).count(), commands.toString());
        return commands;
    }

    private static int indentOf(String line) {
        return line.isBlank() ? -1 : line.indexOf(line.strip());
    }
}
