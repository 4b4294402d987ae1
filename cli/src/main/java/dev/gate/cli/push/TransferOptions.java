package dev.gate.cli.push;

import picocli.CommandLine.Option;

/** Output options shared by the commands that move images. */
public final class TransferOptions {

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing but errors.")
    boolean quiet;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            description = "text (default) or json: the pushed digest and each blob's outcome.")
    OutputFormat output = OutputFormat.text;

    /** How the result is printed. */
    public enum OutputFormat {
        text,
        json
    }
}
