package dev.gate.cli.policy;

import dev.gate.errors.GateException;
import dev.gate.policy.syntax.RegoVersion;
import picocli.CommandLine.Option;

/** The dialect policies are read in, spelled as opa spells it, on every command that loads policies. */
public final class RegoVersionOptions {

    @Option(
            names = "--rego-version",
            paramLabel = "v0|v1",
            description =
                    "Read policies as Rego v0 or v1 (default: v1). " + "A file that imports rego.v1 is v1 either way.")
    String regoVersion;

    @Option(
            names = "--v0-compatible",
            description = "Read policies as Rego v0, as opa --v0-compatible does (= --rego-version v0).")
    boolean v0Compatible;

    public RegoVersion version() {
        RegoVersion named;
        try {
            named = regoVersion == null ? null : RegoVersion.parse(regoVersion);
        } catch (IllegalArgumentException e) {
            throw GateException.input("--rego-version: " + e.getMessage());
        }
        if (v0Compatible && named == RegoVersion.V1)
            throw GateException.input("--v0-compatible contradicts --rego-version v1");
        return v0Compatible ? RegoVersion.V0 : named == null ? RegoVersion.V1 : named;
    }
}
