package dev.gate.cli.policy;

import dev.gate.policy.compile.InputSchemas;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema}, as opa check and opa eval take it, on the commands that compile Rego sources. */
public final class SchemaOption {

    @Option(
            names = "--schema",
            paramLabel = "FILE|DIR",
            description =
                    "JSON schema of input (a file), or a folder of schemas "
                            + "that rules choose in their METADATA (schema.input is input.json); references into input are type-checked, as opa --schema.")
    Path schema;

    /** The schemas given, or none; an unreadable or malformed one is bad input. */
    public InputSchemas schemas() {
        return schema == null ? InputSchemas.NONE : PolicyFiles.asInput(() -> InputSchemas.load(schema));
    }
}
