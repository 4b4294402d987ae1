package dev.gate.policy;

import dev.gate.policy.compile.InputSchemas;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionRules;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Policies as a CI gate sees them: Rego files (or folders of them, {@code *_test.rego} left out) plus organisation data
 * files (JSON or YAML, merged under {@code data.}), compiled once and asked for a {@link Decision} per input document.
 */
public final class PolicySet implements Policies {

    /** A loaded file and the SHA-256 of its bytes, for the decision record. */
    public record LoadedFile(Path path, String sha256) {}

    private final PolicyEngine engine;
    private final List<LoadedFile> policyFiles;
    private final List<LoadedFile> dataFiles;

    private PolicySet(PolicyEngine engine, List<LoadedFile> policyFiles, List<LoadedFile> dataFiles) {
        this.engine = engine;
        this.policyFiles = List.copyOf(policyFiles);
        this.dataFiles = List.copyOf(dataFiles);
    }

    /**
     * Loads and compiles; throws {@link PolicyException} with {@code file:line:col} for bad policies and
     * {@link IllegalArgumentException} naming the file for unreadable or malformed files.
     */
    public static PolicySet load(List<Path> policyPaths, List<Path> dataFiles) {
        return load(policyPaths, dataFiles, false);
    }

    /** As {@link #load(List, List)}; with {@code includeTests} the {@code *_test.rego} files are loaded too. */
    public static PolicySet load(List<Path> policyPaths, List<Path> dataFiles, boolean includeTests) {
        return load(policyPaths, dataFiles, includeTests, System.err);
    }

    /**
     * As {@link #load(List, List, boolean)}, with the output of Rego's {@code print()} going to {@code printOut} (one
     * {@code println} a call; null discards it). Policies print what the input holds, so a caller that shows it on a
     * terminal passes a stream that escapes it.
     */
    public static PolicySet load(
            List<Path> policyPaths, List<Path> dataFiles, boolean includeTests, PrintStream printOut) {
        return load(policyPaths, dataFiles, includeTests, printOut, RegoVersion.V1);
    }

    /**
     * As {@link #load(List, List, boolean, PrintStream)}, with the policies read in the given Rego dialect, except
     * where a folder's OPA bundle {@code .manifest} names another ({@link RegoDialects}).
     */
    public static PolicySet load(
            List<Path> policyPaths,
            List<Path> dataFiles,
            boolean includeTests,
            PrintStream printOut,
            RegoVersion version) {
        return load(policyPaths, dataFiles, includeTests, printOut, version, InputSchemas.NONE);
    }

    /**
     * As {@link #load(List, List, boolean, PrintStream, RegoVersion)}, references into input type-checked against
     * the schemas (as {@code opa eval --schema}): a policy that reads what they do not allow is refused.
     */
    public static PolicySet load(
            List<Path> policyPaths,
            List<Path> dataFiles,
            boolean includeTests,
            PrintStream printOut,
            RegoVersion version,
            InputSchemas schemas) {
        List<Path> files = regoFiles(policyPaths, includeTests);
        if (files.isEmpty()) throw new IllegalArgumentException("no .rego files found in " + policyPaths);
        RegoDialects dialects = RegoDialects.of(policyPaths, version);
        List<PolicyEngine.Module> modules = new ArrayList<>();
        List<LoadedFile> loaded = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = read(f);
            modules.add(new PolicyEngine.Module(
                    f.toString(), new String(bytes, StandardCharsets.UTF_8), dialects.versionOf(f)));
            loaded.add(new LoadedFile(f, sha256(bytes)));
        }
        List<LoadedFile> data = new ArrayList<>();
        Value merged = DataFiles.merge(dataFiles, (path, bytes) -> data.add(new LoadedFile(path, sha256(bytes))));
        PolicyEngine engine = new RegoEngine(printOut).regoVersion(version).schemas(schemas);
        engine.load(modules, merged);
        return new PolicySet(engine, loaded, data);
    }

    @Override
    public List<LoadedFile> policyFiles() {
        return policyFiles;
    }

    @Override
    public List<LoadedFile> dataFiles() {
        return dataFiles;
    }

    /** The engine the policies are loaded in: what it declares, queries, coverage. */
    public PolicyEngine engine() {
        return engine;
    }

    @Override
    public EngineInfo engineInfo() {
        return EngineInfo.rego();
    }

    @Override
    public List<PolicyEngine.ResultRow> query(String query, Value input, PolicyEngine.Options options) {
        return engine.evaluate(query, input, options);
    }

    /**
     * Throws {@link PolicyException} ({@link DecisionRules#NO_RULES}) when a decision would evaluate no rule, so that
     * callers that decide later (per image) fail before any work.
     */
    @Override
    public void requireDecisionRules(Optional<String> namespace) {
        DecisionRules.requireRules(engine.outline(), namespace);
    }

    /**
     * Evaluates the decision contract over every package, or only {@code namespace} when given; fails closed with
     * {@link PolicyException} when that selects no decision rule.
     */
    @Override
    public Decision decide(Value input, Optional<String> namespace, Duration timeout) {
        return DecisionRules.decide(engine, input, namespace, timeout);
    }

    /** The .rego files under the given paths (folders recursively), sorted, each once. */
    public static List<Path> regoFiles(List<Path> paths, boolean includeTests) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                if (!out.contains(p)) out.add(p);
                continue;
            }
            if (!Files.isDirectory(p)) throw new IllegalArgumentException(p + ": no such policy file or directory");
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> f.toString().endsWith(".rego") && Files.isRegularFile(f))
                        .filter(f -> includeTests || !f.getFileName().toString().endsWith("_test.rego"))
                        .sorted()
                        .forEach(f -> {
                            if (!out.contains(f)) out.add(f);
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
