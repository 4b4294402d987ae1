package dev.gate.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.cli.policy.Durations;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sbom.JavaIndexFlags;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.analysis.GateVersion;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.db.DatabaseAge;
import dev.gate.scan.report.CycloneDxVex;
import dev.gate.scan.report.JsonReport;
import dev.gate.scan.report.PrettyJson;
import dev.gate.scan.report.SarifReport;
import dev.gate.scan.report.TableReport;
import dev.gate.scan.sbomin.CycloneDxInput;
import dev.gate.scan.severity.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate scan SOURCE | --sbom FILE}: known vulnerabilities of an image's packages. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Match the packages of an image or a CycloneDX SBOM against the OSV advisory database.")
public final class ScanCommand implements Callable<Integer> {

    enum Format {
        table,
        json,
        sarif,
        cyclonedx
    }

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "SOURCE",
            description = "Image to catalog and scan: oci:DIR[:TAG], docker-archive:PATH (as gate sbom reads them).")
    String source;

    @Option(
            names = "--platform",
            paramLabel = "OS/ARCH[/VARIANT]",
            defaultValue = "linux/amd64",
            description = "Image to scan from a multi-platform index (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--sbom", paramLabel = "FILE", description = "Scan the components of this CycloneDX JSON SBOM.")
    Path sbom;

    @Option(names = "--db", paramLabel = "FILE", description = "Advisory database (default: ${DEFAULT-VALUE}).")
    Path database = Scanner.defaultDatabase();

    @Option(
            names = "--db-max-age",
            paramLabel = "DURATION",
            description =
                    "Refuse (exit 3) an advisory database last known current longer ago than this, e.g. 12h or 5d.")
    String databaseMaxAge;

    @Option(
            names = "--severity",
            split = ",",
            paramLabel = "LEVEL",
            description = "Report only these severities: UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL (comma-separated).")
    List<String> severities;

    @Option(
            names = "--vex",
            paramLabel = "FILE|oci://REF",
            description =
                    "OpenVEX or CycloneDX VEX document, a file or an artifact "
                            + "in a registry: vulnerabilities it calls not_affected or fixed in their package are left out (repeatable).")
    List<String> vex = new ArrayList<>();

    @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities without a fixed version.")
    boolean ignoreUnfixed;

    @Option(
            names = "--exit-code",
            paramLabel = "N",
            defaultValue = "0",
            description = "Exit with N when any vulnerability is reported (default 0).")
    int exitCode;

    @Option(
            names = {"--format", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, json, sarif or cyclonedx (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--quiet", description = "No warnings on standard error.")
    boolean quiet;

    @Option(
            names = "--catalog-timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "Time budget for cataloging SOURCE, as for gate sbom; over it gate fails (exit 2) "
                    + "rather than scan a partial SBOM (default: ${DEFAULT-VALUE}).")
    String catalogTimeout;

    @Mixin
    JavaIndexFlags java = new JavaIndexFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() throws IOException {
        if ((source == null) == (sbom == null)) {
            throw GateException.input("give either an image SOURCE or --sbom FILE");
        }
        Set<Severity> wanted = wantedSeverities();
        VexStatements.Documents statements = VexStatements.read(vex, registry.toOptions());
        PrintWriter err = spec.commandLine().getErr();
        // Loading SQLite and opening the database overlaps reading the SBOM: both are start-up cost.
        if (databaseMaxAge != null) {
            DatabaseAge.check(database, Durations.parse(databaseMaxAge, "--db-max-age"), Instant.now());
        }
        CompletableFuture<Scanner> opening = CompletableFuture.supplyAsync(() -> Scanner.open(database));
        CycloneDxInput input;
        try {
            input = source != null
                    ? ImageInput.catalog(source, platform, catalogTimeout, java.indexes(database), registry.toOptions())
                    : CycloneDxInput.read(sbom);
        } catch (RuntimeException e) {
            opening.whenComplete((scanner, failure) -> {
                if (scanner != null) {
                    scanner.close();
                }
            });
            throw e;
        }
        ScanResult result;
        try (Scanner scanner = opened(opening)) {
            result = filter(scanner.scan(input.packages(), input.os()), wanted, statements);
        }
        if (!quiet) {
            result.warnings().forEach(w -> err.println("gate: warning: " + SafeText.of(w)));
            err.flush();
        }
        write(result, input);
        return result.findings().isEmpty() ? 0 : exitCode;
    }

    private static Scanner opened(CompletableFuture<Scanner> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Set<Severity> wantedSeverities() {
        if (severities == null || severities.isEmpty()) {
            return EnumSet.allOf(Severity.class);
        }
        Set<Severity> set = EnumSet.noneOf(Severity.class);
        for (String s : severities) {
            try {
                set.add(Severity.parse(s));
            } catch (IllegalArgumentException e) {
                throw GateException.input("--severity: " + e.getMessage());
            }
        }
        return set;
    }

    private ScanResult filter(ScanResult result, Set<Severity> wanted, VexStatements.Documents statements) {
        List<Finding> kept = result.findings().stream()
                .filter(f -> wanted.contains(f.rating().severity()))
                .filter(f -> !ignoreUnfixed || f.fixAvailable())
                .filter(f -> !VexStatements.settles(statements, ids(f), f.pkg().purl()))
                .toList();
        return new ScanResult(
                kept, ScanResult.count(kept), result.warnings(), result.packagesScanned(), result.database());
    }

    private static List<String> ids(Finding finding) {
        List<String> ids = new ArrayList<>(finding.aliases());
        ids.add(0, finding.id());
        return ids;
    }

    /** Where SARIF results without a path of their own point: the SBOM file, or the image named as a path. */
    private String artifactUri() {
        return sbom != null ? sbom.getFileName().toString() : source.replaceAll("[^A-Za-z0-9._/-]", "_");
    }

    private void write(ScanResult result, CycloneDxInput input) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.table) {
            TableReport.write(result, out); // no jackson-databind start-up for the common case
            return;
        }
        JsonNode document = switch (format) {
            case json -> JsonReport.document(result);
            case sarif -> SarifReport.document(result, GateVersion.current(), artifactUri());
            default -> CycloneDxVex.withVulnerabilities(input.bom(), result, input.bomRefs());
        };
        PrettyJson.write(document, out);
        out.println();
        out.flush();
    }
}
