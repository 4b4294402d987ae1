package dev.gate.cli.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.report.DecisionJunit;
import dev.gate.pipeline.report.GitlabCodeQuality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Reports of a gated push written to files for a CI system to pick up, besides what is printed. */
final class ReportFiles {

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Also write the policy results as JUnit XML to FILE " + "(a test case per evaluated rule).")
    Path junit;

    @Option(
            names = "--gitlab-codequality",
            paramLabel = "FILE",
            description = "Also write findings and failing or warning "
                    + "rules as a GitLab Code Quality report (JSON) to FILE.")
    Path gitlabCodeQuality;

    boolean given() {
        return junit != null || gitlabCodeQuality != null;
    }

    void write(GateRun run) {
        if (junit != null) {
            write(junit, DecisionJunit.of(run));
        }
        if (gitlabCodeQuality != null) {
            try {
                write(
                        gitlabCodeQuality,
                        new ObjectMapper()
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(GitlabCodeQuality.of(run)));
            } catch (IOException e) {
                throw GateException.operational("cannot write " + gitlabCodeQuality + ": " + e.getMessage(), e);
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
