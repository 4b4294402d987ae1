package dev.gate.cli.scan;

import dev.gate.image.SafeText;
import dev.gate.scan.Scanner;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.ImportReport;
import dev.gate.scan.db.Importer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate db import PATH...}: OSV records from folders and osv.dev-style zips. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import OSV records from folders of JSON files and from zips like osv.dev's <ecosystem>/all.zip.")
public final class DbImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders, .json files or .zip files.")
    List<Path> paths;

    @Option(names = "--db", paramLabel = "FILE", description = "Advisory database (default: ${DEFAULT-VALUE}).")
    Path database = Scanner.defaultDatabase();

    @Option(names = "--quiet", description = "Print only problems.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ImportReport report;
        try (AdvisoryDb db = AdvisoryDb.openForWrite(database)) {
            report = new Importer(db, problem -> err.println("gate: warning: " + SafeText.of(problem)))
                    .importPaths(paths);
        }
        err.flush();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "imported %d advisories into %s in %.1f s (%d unchanged, %d withdrawn skipped, %d malformed skipped)%n",
                    report.stored(),
                    database,
                    report.millis() / 1000.0,
                    report.unchanged(),
                    report.withdrawn(),
                    report.malformed());
            out.flush();
        }
        return 0;
    }
}
