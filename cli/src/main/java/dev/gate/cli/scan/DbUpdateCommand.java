package dev.gate.cli.scan;

import dev.gate.cli.policy.Durations;
import dev.gate.image.SafeText;
import dev.gate.scan.Scanner;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.DbUpdate;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gate db update}: fetch osv.dev's per-ecosystem exports (or a mirror's) and import what changed. */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description =
                "Download osv.dev-style <ecosystem>/all.zip exports and import them; unchanged exports cost one request, "
                        + "cut downloads resume.")
public final class DbUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "URL", description = "Where the exports are (default: ${DEFAULT-VALUE}).")
    URI source = DbUpdate.DEFAULT_SOURCE;

    @Option(
            names = "--ecosystem",
            paramLabel = "NAME",
            description =
                    "An OSV ecosystem to fetch (repeatable; default: those gate "
                            + "matches: Debian, Ubuntu, Alpine, AlmaLinux, Rocky Linux, Red Hat, npm, PyPI, Maven, Go, crates.io, RubyGems, NuGet, Packagist).")
    List<String> ecosystems = new ArrayList<>();

    @Option(names = "--db", paramLabel = "FILE", description = "Advisory database (default: ${DEFAULT-VALUE}).")
    Path database = Scanner.defaultDatabase();

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "Limit for connecting and for each read (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--quiet", description = "Print only problems.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null && !quiet;
        DbUpdate update = new DbUpdate(source, Durations.parse(timeout, "--timeout"), (ecosystem, done, total) -> {
            if (terminal) {
                err.print("\r" + SafeText.of(ecosystem) + ": " + mib(done) + (total < 0 ? "" : " of " + mib(total))
                        + " MiB   ");
                err.flush();
            }
        });
        List<DbUpdate.Outcome> outcomes;
        Path downloads = database.resolveSibling(database.getFileName() + ".downloads");
        try (AdvisoryDb db = AdvisoryDb.openForWrite(database)) {
            outcomes = update.update(
                    db,
                    downloads,
                    ecosystems.isEmpty() ? DbUpdate.DEFAULT_ECOSYSTEMS : ecosystems,
                    problem -> err.println("gate: warning: " + SafeText.of(problem)));
        } finally {
            if (terminal) {
                err.println();
            }
            err.flush();
        }
        if (!quiet) {
            for (DbUpdate.Outcome o : outcomes) {
                out.println(SafeText.of(o.ecosystem()) + ": "
                        + (o.status() == DbUpdate.Status.UNCHANGED
                                ? "unchanged"
                                : "downloaded " + mib(o.bytes()) + " MiB, "
                                        + o.imported().stored() + " advisories imported"));
            }
            out.println("updated " + database);
            out.flush();
        }
        return 0;
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
