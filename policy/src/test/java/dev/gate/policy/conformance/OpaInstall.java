package dev.gate.policy.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OPA that {@code .ci/tools.sh} installs: its binary ({@code gate.opa.bin}, or {@code GATE_TOOLS_BIN}), the
 * judge of differential tests, and its Go module source ({@code gate.opa.module}), which holds OPA's complete v0 and
 * v1 conformance cases. Missing, a test is skipped visibly, or fails under {@code CI=true}.
 */
public final class OpaInstall {

    private OpaInstall() {}

    public static Path binary() {
        String bin = System.getenv("GATE_TOOLS_BIN");
        Path opa =
                bin != null ? Path.of(bin, "opa") : Path.of(System.getProperty("gate.opa.bin", "opa-not-configured"));
        if (!Files.isExecutable(opa)) {
            SharedCases.missing("opa is not installed at " + opa + ": run `bash .ci/tools.sh`");
        }
        return opa;
    }

    /** The conformance cases of one dialect, {@code v0} or {@code v1}, in the installed module. */
    public static Path cases(String dialect) {
        Path root = Path.of(
                System.getProperty("gate.opa.module", "opa-module-not-configured"),
                "v1",
                "test",
                "cases",
                "testdata",
                dialect);
        if (!Files.isDirectory(root)) {
            SharedCases.missing("OPA's module source is not installed at " + root + ": run `bash .ci/tools.sh`");
        }
        return root;
    }
}
