package dev.gate.cli;

import dev.gate.image.GateException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: runs picocli and turns failures into one line and the exit codes of the design. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GateCommand());
        cli.setExecutionExceptionHandler(Main::handleFailure);
        return cli;
    }

    private static int handleFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (failure instanceof GateException gate) {
            err.println("gate: " + gate.getMessage());
            err.flush();
            return gate.kind().exitCode();
        }
        err.println("gate: internal error: " + failure);
        if (System.getenv("GATE_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.OPERATIONAL;
    }
}
