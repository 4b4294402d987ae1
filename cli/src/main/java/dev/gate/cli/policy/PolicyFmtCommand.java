package dev.gate.cli.policy;

import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.policy.RegoDialects;
import dev.gate.policy.format.RegoFormatter;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate policy fmt}: Rego files formatted as {@code opa fmt} formats them; v0 kept v0 with --v0-compatible, or
 * rewritten as v1 with --rego-v1.
 */
@Command(
        name = "fmt",
        mixinStandardHelpOptions = true,
        description =
                "Format Rego files as opa fmt does: print them, list the ones that change (-l), or rewrite them (-w).")
public final class PolicyFmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Rego files or folders (tests included).")
    List<Path> paths;

    @Option(
            names = "--rego-v1",
            description = "Read the files as Rego v0 and write them as v1, as opa fmt --rego-v1 does.")
    boolean regoV1;

    @Mixin
    RegoVersionOptions rego = new RegoVersionOptions();

    @Option(
            names = {"-w", "--write"},
            description = "Rewrite the files whose formatting changes.")
    boolean write;

    @Option(
            names = {"-l", "--list"},
            description = "List the files whose formatting changes instead of printing them.")
    boolean list;

    @Option(names = "--fail", description = "Exit 1 when a file's formatting changes.")
    boolean fail;

    @Override
    public Integer call() {
        List<Path> files = PolicyFiles.regoFiles(paths);
        PrintWriter out = spec.commandLine().getOut();
        boolean changed = false;
        RegoDialects dialects = PolicyFiles.dialects(paths, regoV1 ? RegoVersion.V0 : rego.version());
        for (Path f : files) {
            String text = PolicyFiles.text(f);
            String formatted = RegoFormatter.format(
                    new Source(f.toString(), text), regoV1 ? RegoVersion.V0 : dialects.versionOf(f), regoV1);
            boolean differs = !formatted.equals(text);
            changed |= differs;
            if (list) {
                if (differs) out.println(f);
            } else if (write) {
                if (differs) writeBack(f, formatted);
            } else {
                out.print(formatted);
            }
        }
        out.flush();
        return fail && changed ? ExitCodes.REFUSED : ExitCodes.OK;
    }

    private static void writeBack(Path f, String text) {
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GateException(GateException.Kind.OPERATIONAL, f + ": cannot write: " + e.getMessage());
        }
    }
}
