package dev.gate.cli.policy;

import dev.gate.cli.ExitCodes;
import dev.gate.image.SafeText;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.RegoDialects;
import dev.gate.policy.compile.CompileErrors;
import dev.gate.policy.compile.InputSchemas;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate policy check}: parses every file and compiles them together, reporting each error with its location. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Parse and compile Rego files; print every error with file:line:col; exit 2 when there is one.")
public final class PolicyCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Rego files or folders (tests included).")
    List<Path> paths;

    @Option(
            names = "--strict",
            description =
                    "Also refuse what opa check --strict refuses: unused function arguments, assignments and imports.")
    boolean strict;

    @Mixin
    RegoVersionOptions rego = new RegoVersionOptions();

    @Mixin
    SchemaOption schema = new SchemaOption();

    @Override
    public Integer call() {
        List<Path> files = PolicyFiles.regoFiles(paths);
        PrintWriter err = spec.commandLine().getErr();
        List<PolicyEngine.Module> modules = new ArrayList<>();
        RegoVersion version = rego.version();
        RegoDialects dialects = PolicyFiles.dialects(paths, version);
        InputSchemas schemas = schema.schemas();
        int errors = 0;
        for (Path f : files) {
            String text = PolicyFiles.text(f);
            try {
                Parser.parseModule(new Source(f.toString(), text), dialects.versionOf(f));
                modules.add(new PolicyEngine.Module(f.toString(), text, dialects.versionOf(f)));
            } catch (PolicyException e) {
                err.println(SafeText.message(e.describe()));
                errors++;
            }
        }
        if (errors == 0) {
            try {
                new RegoEngine(null).regoVersion(version).schemas(schemas).load(modules, null, strict);
            } catch (CompileErrors all) {
                for (PolicyException e : all.errors()) err.println(e.describe());
                errors += all.errors().size();
            } catch (PolicyException e) {
                err.println(SafeText.message(e.describe()));
                errors++;
            }
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (errors > 0) {
            out.println(errors + " error" + (errors == 1 ? "" : "s") + " in " + files.size() + " file"
                    + (files.size() == 1 ? "" : "s"));
            out.flush();
            return ExitCodes.INPUT;
        }
        out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked, no errors");
        out.flush();
        return ExitCodes.OK;
    }
}
