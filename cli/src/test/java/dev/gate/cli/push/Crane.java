package dev.gate.cli.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.image.testing.JudgeTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real crane, as a judge of what gate wrote to a plain loopback registry; no user configuration reaches it. */
public final class Crane {

    private Crane() {}

    /** crane's output; the test fails when crane does. */
    public static String run(String... args) throws Exception {
        Result result = attempt(args);
        assertEquals(0, result.code(), "crane " + String.join(" ", args) + ": " + result.output());
        return result.output();
    }

    /** One run of crane, whatever its exit code. */
    public record Result(int code, String output) {}

    public static Result attempt(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(JudgeTools.require("crane").toString()));
        command.addAll(List.of(args));
        command.add("--insecure");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        var home = Files.createTempDirectory("crane-home");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("crane did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
