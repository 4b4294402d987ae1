package dev.gate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Runs a gate command in the test's JVM, as {@code ./gate} would, capturing what it prints. */
public final class InProcessGate {

    /** A finished run: its exit code and what it printed. */
    public record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private InProcessGate() {}

    /** Runs in the test JVM's own environment. */
    public static Run gate(String... args) {
        return gate(Environment.system(), args);
    }

    /** Runs with the given environment, as {@code ./gate} would run with it: nothing global is changed. */
    public static Run gate(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(environment, args);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Environment variables with only COSIGN_PASSWORD set, as a CI job hands gate a key password and nothing else. */
    public static UnaryOperator<String> onlyKeyPassword(String password) {
        return name -> name.equals("COSIGN_PASSWORD") ? password : null;
    }
}
