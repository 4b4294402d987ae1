package dev.gate.cli.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.SafeText;
import dev.gate.scan.Scanner;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.DbInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gate db info}: what the advisory database holds. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show advisories per ecosystem, the newest modified time and where the database is.")
public final class DbInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "Advisory database (default: ${DEFAULT-VALUE}).")
    Path database = Scanner.defaultDatabase();

    @Option(
            names = {"--format", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        DbInfo info;
        try (AdvisoryDb db = AdvisoryDb.openExisting(database)) {
            info = db.info();
        }
        PrintWriter out = spec.commandLine().getOut();
        if ("json".equals(format)) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("location", info.location().toAbsolutePath().toString());
            node.put("advisories", info.advisories());
            ObjectNode per = node.putObject("perEcosystem");
            info.perEcosystem().forEach(per::put);
            node.put("newestModified", info.newestModified());
            node.put("builtAt", info.builtAt());
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.println("database:        " + info.location().toAbsolutePath());
            out.println("advisories:      " + info.advisories());
            out.println("newest modified: " + SafeText.of(info.newestModified()));
            out.println("built at:        " + info.builtAt());
            for (Map.Entry<String, Long> e : info.perEcosystem().entrySet()) {
                out.printf("  %-24s %d%n", SafeText.of(e.getKey()), e.getValue());
            }
        }
        out.flush();
        return 0;
    }
}
