package dev.gate.cli.interop;

import dev.gate.image.testing.JudgeTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a judge tool (cosign, opa, crane, oras): its exit code and everything it printed. */
record Tool(int code, String output) {

    static Tool run(String name, Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JudgeTools.require(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // Nothing of the user's own configuration may leak into a judge's verdict.
        builder.environment().put("HOME", workDir.toString());
        builder.environment().put("DOCKER_CONFIG", workDir.resolve(".docker").toString());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish");
        }
        return new Tool(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n" + output;
    }
}
