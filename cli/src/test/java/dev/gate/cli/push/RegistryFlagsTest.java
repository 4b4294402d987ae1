package dev.gate.cli.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Main;
import dev.gate.errors.GateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class RegistryFlagsTest {

    @Test
    void chunkSizesUseBinaryMultiples() {
        assertEquals(16L << 20, RegistryFlags.parseSize("16MiB"));
        assertEquals(512L << 10, RegistryFlags.parseSize("512k"));
        assertEquals(1L << 30, RegistryFlags.parseSize("1G"));
        assertEquals(1048576, RegistryFlags.parseSize("1048576"));
    }

    @Test
    void badChunkSizesAreInputErrors() {
        for (String bad : new String[] {"lots", "16 parsecs", "1k", "99999999999999G"}) {
            GateException error = assertThrows(GateException.class, () -> RegistryFlags.parseSize(bad));
            assertEquals(GateException.Kind.INPUT, error.kind());
            assertTrue(error.getMessage().startsWith("--chunk-size '" + bad + "'"), error.getMessage());
        }
    }

    @Test
    void timeoutsAreDurations() {
        assertEquals(Duration.ofSeconds(60), RegistryFlags.parseDuration("60"));
        assertEquals(Duration.ofSeconds(30), RegistryFlags.parseDuration("30s"));
        assertEquals(Duration.ofMinutes(2), RegistryFlags.parseDuration("2m"));
        assertEquals(Duration.ofMillis(500), RegistryFlags.parseDuration("500ms"));
    }

    @Command
    static final class Registering {
        @Mixin
        RegistryFlags flags = new RegistryFlags();
    }

    @Test
    void timeoutFlagReachesTheOptions() {
        Registering defaults = new Registering();
        new CommandLine(defaults).parseArgs();
        assertEquals(Duration.ofSeconds(60), defaults.flags.toOptions().timeout());
        Registering given = new Registering();
        new CommandLine(given).parseArgs("--timeout", "5s");
        assertEquals(Duration.ofSeconds(5), given.flags.toOptions().timeout());
    }

    @Test
    void badTimeoutsAreInputErrors() {
        for (String bad : new String[] {"soon", "0s", "2h", "-1s", "1.5s"}) {
            GateException error = assertThrows(GateException.class, () -> RegistryFlags.parseDuration(bad));
            assertEquals(GateException.Kind.INPUT, error.kind());
            assertTrue(error.getMessage().startsWith("--timeout '" + bad + "'"), error.getMessage());
        }
    }

    @Test
    void everyRegistryCommandSpellsTheTimeoutTheSameWay() {
        List<String> registryCommands = new ArrayList<>();
        collect(Main.commandLine(), registryCommands);
        assertTrue(
                registryCommands.containsAll(
                        List.of("push", "copy", "sign", "attest", "verify", "audit", "sbom", "scan")),
                registryCommands.toString());
    }

    private static void collect(CommandLine command, List<String> registryCommands) {
        if (command.getCommandSpec().findOption("--insecure-registry") != null) {
            assertTrue(
                    command.getCommandSpec().findOption("--timeout") != null,
                    command.getCommandName() + " has no --timeout");
            registryCommands.add(command.getCommandName());
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, registryCommands));
    }
}
