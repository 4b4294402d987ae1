package dev.gate.cli.policy;

import dev.gate.errors.GateException;
import dev.gate.pipeline.decision.PolicyPrint;
import dev.gate.policy.DataFiles;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicySet;
import dev.gate.policy.RegoDialects;
import dev.gate.policy.compile.InputSchemas;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Loading policies, data and input for the policy commands, with bad files reported as input errors (exit 2). */
final class PolicyFiles {
    private PolicyFiles() {}

    /** The .rego files of the given files and folders, tests included; a missing one is an input error. */
    static List<Path> regoFiles(List<Path> paths) {
        for (Path p : paths) if (!Files.exists(p)) throw GateException.input(p + ": no such policy file or directory");
        return asInput(() -> PolicySet.regoFiles(paths, true));
    }

    /** The dialect of each file: {@code version}, or what the OPA {@code .manifest} of a folder among {@code paths} says. */
    static RegoDialects dialects(List<Path> paths, RegoVersion version) {
        return asInput(() -> RegoDialects.of(paths, version));
    }

    static String text(Path f) {
        try {
            return Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GateException.input(f + ": cannot read: " + e.getMessage());
        }
    }

    static PolicySet load(
            List<Path> policies, List<Path> data, boolean includeTests, RegoVersion version, InputSchemas schemas) {
        requireFiles(policies, data);
        return asInput(
                () -> PolicySet.load(policies, data, includeTests, PolicyPrint.toStandardError(), version, schemas));
    }

    /** Rego sources or one OPA wasm bundle, run by the engine asked for ({@code AUTO}: by what the files are). */
    static Policies load(
            List<Path> policies, List<Path> data, Policies.Engine engine, RegoVersion version, InputSchemas schemas) {
        requireFiles(policies, data);
        return asInput(() -> Policies.load(policies, data, engine, PolicyPrint.toStandardError(), version, schemas));
    }

    private static void requireFiles(List<Path> policies, List<Path> data) {
        for (Path p : policies)
            if (!Files.exists(p)) throw GateException.input(p + ": no such policy file or directory");
        for (Path d : data) if (!Files.isRegularFile(d)) throw GateException.input("--data " + d + ": no such file");
    }

    /** The input document: JSON or YAML from a file, or JSON from standard input for {@code -}. */
    static Value input(Path file) {
        if (file == null) return null;
        if (file.toString().equals("-")) return asInput(() -> DataFiles.parse(Path.of("stdin.json"), readStdin()));
        if (!Files.isRegularFile(file)) throw GateException.input("--input " + file + ": no such file");
        return asInput(() -> DataFiles.parse(file, readAll(file)));
    }

    /** Runs a policy step, turning a malformed file's error into an input error (a policy error is one already). */
    static <T> T asInput(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw GateException.input(e.getMessage());
        }
    }

    private static byte[] readAll(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
        }
    }

    private static byte[] readStdin() {
        try {
            return System.in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("standard input: " + e.getMessage());
        }
    }
}
