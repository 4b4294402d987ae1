package dev.gate.cli.audit;

import dev.gate.errors.GateException;
import dev.gate.pipeline.audit.AuditReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --output FORMAT} and {@code -o FILE} of {@code gate audit} and {@code gate audit merge}. */
final class ReportOutput {

    enum Format {
        text,
        json,
        junit,
        html
    }

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = {"-o", "--output-file"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path file;

    void write(AuditReport report, PrintWriter out) {
        String text = switch (format) {
            case text -> report.table();
            case json -> report.json();
            case junit -> report.junit();
            case html -> report.html();
        };
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
