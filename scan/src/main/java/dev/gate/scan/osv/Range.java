package dev.gate.scan.osv;

import java.util.List;

/** An OSV range: its type (ECOSYSTEM, SEMVER or GIT) and its events, in the order the record lists them. */
public record Range(String type, List<Event> events) {

    public Range {
        events = List.copyOf(events);
    }

    public boolean isGit() {
        return "GIT".equals(type);
    }
}
