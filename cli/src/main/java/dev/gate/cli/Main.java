package dev.gate.cli;

import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.image.registry.HttpSelectorThreads;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Entry point: runs picocli and turns failures into one line and the exit codes of the design. */
public final class Main {

    /**
     * The subcommands of {@code gate}, by name. Building picocli's model of a command loads its classes and
     * reads its annotations; a run builds only the subcommand it was asked for, which keeps a few hundred
     * milliseconds of start-up out of every CI step.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("push", dev.gate.cli.push.PushCommand.class);
        SUBCOMMANDS.put("copy", dev.gate.cli.push.CopyCommand.class);
        SUBCOMMANDS.put("scan", dev.gate.cli.scan.ScanCommand.class);
        SUBCOMMANDS.put("db", dev.gate.cli.scan.DbCommand.class);
        SUBCOMMANDS.put("sbom", dev.gate.cli.sbom.SbomCommand.class);
        SUBCOMMANDS.put("policy", dev.gate.cli.policy.PolicyCommand.class);
        SUBCOMMANDS.put("key", dev.gate.cli.sign.KeyCommand.class);
        SUBCOMMANDS.put("sign", dev.gate.cli.sign.SignCommand.class);
        SUBCOMMANDS.put("attest", dev.gate.cli.sign.AttestCommand.class);
        SUBCOMMANDS.put("verify", dev.gate.cli.sign.VerifyCommand.class);
        SUBCOMMANDS.put("audit", dev.gate.cli.audit.AuditCommand.class);
        SUBCOMMANDS.put("login", dev.gate.cli.registry.LoginCommand.class);
        SUBCOMMANDS.put("logout", dev.gate.cli.registry.LogoutCommand.class);
        SUBCOMMANDS.put("tags", dev.gate.cli.registry.TagsCommand.class);
        SUBCOMMANDS.put("digest", dev.gate.cli.registry.DigestCommand.class);
        SUBCOMMANDS.put("inspect", dev.gate.cli.registry.InspectCommand.class);
    }

    private Main() {}

    public static void main(String[] args) {
        int exitCode = run(args);
        HttpSelectorThreads.stop();
        System.exit(exitCode);
    }

    public static int run(String... args) {
        return run(Environment.system(), args);
    }

    /** Runs {@code args} with the given environment instead of the process's own. */
    public static int run(Environment environment, String... args) {
        return commandLine(environment, args).execute(args);
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command tree for {@code args}, in the process's own environment. */
    public static CommandLine commandLine(String... args) {
        return commandLine(Environment.system(), args);
    }

    /**
     * The command tree as far as {@code args} need it: when the first word names a subcommand, only that one;
     * otherwise (no subcommand, help, a misspelt name) all of them, so help and suggestions list everything.
     */
    public static CommandLine commandLine(Environment environment, String... args) {
        // picocli's default factory otherwise looks for Groovy's Closure class, a search that opens every jar on
        // the class path on every start.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cli = new CommandLine(new GateCommand(), new CommandFactory(environment));
        String wanted = firstWord(args);
        if (wanted != null && SUBCOMMANDS.containsKey(wanted)) {
            cli.addSubcommand(wanted, SUBCOMMANDS.get(wanted));
        } else if (wanted != null || !versionOnly(args)) {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        cli.setExecutionExceptionHandler(new FailureHandler(environment));
        return cli;
    }

    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static boolean versionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /**
     * A named class rather than a method reference: a lambda for a picocli interface would link picocli's classes
     * while the class-data archive is dumped, and linked classes of picocli's old class-file version are left out
     * of the archive, to be loaded and verified again on every start.
     */
    private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        private final Environment environment;

        FailureHandler(Environment environment) {
            this.environment = environment;
        }

        @Override
        public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
            PrintWriter err = command.getErr();
            // Messages carry registry answers, file contents and policy output: escaped, one line (but a Rego
            // error's excerpt and caret).
            if (failure instanceof GateException gate) {
                err.println("gate: " + SafeText.message(gate.describe()));
                err.flush();
                return gate.kind().exitCode();
            }
            err.println("gate: internal error: " + SafeText.message(failure.toString()));
            if (environment.variable("GATE_DEBUG") != null) {
                failure.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.OPERATIONAL;
        }
    }
}
