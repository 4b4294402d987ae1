package dev.gate.cli.policy;

import dev.gate.errors.GateException;
import java.util.Locale;

/** How {@code gate policy test} writes its report. */
enum TestReportFormat {
    TEXT,
    JSON,
    JUNIT;

    static TestReportFormat parse(String name) {
        for (TestReportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) return f;
        }
        throw GateException.input("--format " + name + ": must be text, json or junit");
    }
}
