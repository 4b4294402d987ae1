package dev.gate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs gate in a child JVM, for what a JVM cannot change about itself: its environment (PATH, HOME, CI variables),
 * its working directory and its standard input. The child starts from an empty environment but for PATH and what
 * the test gives, so the CI variables of the machine running the tests do not leak in.
 */
public final class GateProcess {

    private GateProcess() {}

    public static InProcessGate.Run run(
            Map<String, String> environment, Path workingDirectory, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        if (environment.containsKey("HOME")) {
            // the test's home, never the machine's, even for code that asks Java rather than $HOME
            command.add(command.size() - 1, "-Duser.home=" + environment.get("HOME"));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var err = process.getErrorStream();
        byte[][] errBytes = new byte[1][];
        Thread drain = new Thread(() -> {
            try {
                errBytes[0] = err.readAllBytes();
            } catch (IOException e) {
                errBytes[0] = new byte[0];
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gate " + String.join(" ", args) + " did not finish");
        }
        drain.join();
        return new InProcessGate.Run(process.exitValue(), out, new String(errBytes[0], StandardCharsets.UTF_8));
    }
}
