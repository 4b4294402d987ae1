package dev.gate.policy.wasm;

import dev.gate.image.testing.JudgeTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Bundles made at test time by the installed {@code opa build -t wasm}, never checked in. */
public final class OpaBuild {
    private OpaBuild() {}

    /**
     * {@code opa build -t wasm -e E... -o DIR/bundle.tar.gz FILE...}, run in {@code dir} so that relative file names
     * are kept as the bundle's source paths.
     */
    public static Path bundle(Path dir, List<String> entrypoints, String... files) throws Exception {
        return bundle(dir, "bundle.tar.gz", entrypoints, List.of(), files);
    }

    public static Path bundle(Path dir, String name, List<String> entrypoints, List<String> extraFlags, String... files)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JudgeTools.require("opa").toString(), "build", "-t", "wasm"));
        for (String e : entrypoints) cmd.addAll(List.of("-e", e));
        cmd.addAll(extraFlags);
        cmd.addAll(List.of("-o", name));
        cmd.addAll(List.of(files));
        run(dir, cmd);
        return dir.resolve(name);
    }

    /** Writes Rego source text to {@code dir/name} and returns the name. */
    public static String write(Path dir, String name, String rego) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, rego);
        return name;
    }

    /** The module alone, as {@code tar xzf bundle.tar.gz /policy.wasm} gives it. */
    public static Path wasmOf(Path bundle) throws IOException {
        Path out = bundle.resolveSibling("policy.wasm");
        Files.write(out, Bundle.read(bundle).wasm());
        return out;
    }

    public static String run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + text);
        return text;
    }
}
