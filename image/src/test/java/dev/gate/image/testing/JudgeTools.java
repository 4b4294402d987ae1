package dev.gate.image.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real tools that judge what gate writes and reads (cosign, opa, crane, oras), installed pinned by
 * {@code .ci/tools.sh} into the folder {@code GATE_TOOLS_BIN} names (in the environment or the services file). A
 * missing tool skips a test visibly, and fails it under {@code CI=true}.
 */
public final class JudgeTools {

    private JudgeTools() {}

    /** The tool's executable; skips the calling test when it is not installed, or fails it under CI. */
    public static Path require(String name) {
        Path tool = LoopbackServices.find("GATE_TOOLS_BIN")
                .map(bin -> Path.of(bin, name))
                .orElse(null);
        if (tool == null || !Files.isExecutable(tool)) {
            TestMaterial.missing(
                    name + " is not installed: run `bash .ci/tools.sh` and start the services with its folder in "
                            + "GATE_TOOLS_BIN");
        }
        return tool;
    }
}
