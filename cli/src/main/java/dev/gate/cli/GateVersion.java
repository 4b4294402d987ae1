package dev.gate.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code gate --version}. */
public final class GateVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"gate " + dev.gate.pipeline.analysis.GateVersion.current()};
    }
}
