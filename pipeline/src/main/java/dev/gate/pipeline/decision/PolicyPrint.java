package dev.gate.pipeline.decision;

import dev.gate.image.SafeText;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where Rego's {@code print()} output goes: standard error, each printed line escaped, because policies print what
 * the input document holds (package names, labels) and the input comes from the image. The engine writes one
 * {@code println(String)} per call, which is the one method escaped here.
 */
public final class PolicyPrint extends PrintStream {

    private PolicyPrint(OutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    public static PrintStream toStandardError() {
        return new PolicyPrint(System.err);
    }

    @Override
    public void println(String line) {
        super.println(SafeText.of(line));
    }
}
