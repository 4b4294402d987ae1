package dev.gate.scan.match;

import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.Event;
import dev.gate.scan.osv.Range;
import dev.gate.scan.version.InvalidVersionException;
import dev.gate.scan.version.Orderings;
import dev.gate.scan.version.VersionOrdering;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OSV's evaluation rules for one {@code affected[]} entry: a version is affected when it is listed
 * in {@code versions[]} or lies inside any ECOSYSTEM or SEMVER range. A range's events are sorted
 * by version first ({@code introduced: "0"} before everything), because records do not always list
 * them in order; walking them in order, {@code introduced} opens the range, {@code fixed} and
 * {@code limit} close it at that version, {@code last_affected} just after it. GIT ranges are ignored:
 * they name commits, not versions. Stateless and thread-safe.
 */
public final class RangeEvaluator {

    private final VersionOrdering ordering;

    public RangeEvaluator(VersionOrdering ordering) {
        this.ordering = ordering;
    }

    public boolean isAffected(Affected affected, String version) {
        for (String listed : affected.versions()) {
            if (listed.equals(version) || equalInOrder(listed, version)) {
                return true;
            }
        }
        return inAnyRange(affected, version);
    }

    /** Whether the version lies in one of the entry's ECOSYSTEM or SEMVER ranges (ignoring {@code versions[]}). */
    public boolean inAnyRange(Affected affected, String version) {
        if (!ordering.isValid(version)) {
            return false; // only an exact listing can match a version we cannot order
        }
        for (Range range : affected.ranges()) {
            if (!range.isGit() && inRange(range, version)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The versions that fix {@code version} under this entry: for each range the version is in, the
     * first {@code fixed} event above it (not fixes of other branches, which would not help).
     */
    public List<String> fixedFor(Affected affected, String version) {
        Set<String> result = new LinkedHashSet<>();
        for (Range range : affected.ranges()) {
            if (!range.isGit()) {
                String fix = walk(range, version);
                if (fix != null && !fix.isEmpty()) {
                    result.add(fix);
                }
            }
        }
        return new ArrayList<>(result);
    }

    private boolean equalInOrder(String listed, String version) {
        try {
            return ordering.compare(listed, version) == 0;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    VersionOrdering orderingFor(Range range) {
        return "SEMVER".equals(range.type()) ? Orderings.semver() : ordering;
    }

    private boolean inRange(Range range, String version) {
        return walk(range, version) != null;
    }

    /**
     * Walks the sorted events: null when the version is outside the range, else the fixing version
     * of its interval ("" when the interval has no fix).
     */
    private String walk(Range range, String version) {
        VersionOrdering order = orderingFor(range);
        List<Event> events;
        try {
            events = sorted(range.events(), order); // IndexedRecord pre-sorts, so this is a linear check
        } catch (InvalidVersionException e) {
            return null; // a range we cannot order cannot be evaluated; the record is at fault, not the image
        }
        boolean affected = false;
        for (Event event : events) {
            int cmp = event.isIntroducedAtZero() ? 1 : safeCompare(order, version, event.version());
            switch (event.kind()) {
                case INTRODUCED -> affected = affected || cmp >= 0;
                case FIXED -> {
                    if (affected && cmp < 0) {
                        return event.version();
                    }
                    affected = affected && cmp < 0;
                }
                case LAST_AFFECTED -> affected = affected && cmp <= 0;
                case LIMIT -> {
                    if (cmp >= 0) {
                        return null;
                    }
                }
                default -> throw new IllegalStateException(event.kind().name());
            }
            if (cmp < 0 && event.kind() == Event.Kind.INTRODUCED) {
                break; // later events sort above the version and cannot change the answer
            }
        }
        return affected ? fixAfter(events, order, version) : null;
    }

    /** After a last_affected or open interval there may still be a later fixed event naming the fix. */
    private static String fixAfter(List<Event> events, VersionOrdering order, String version) {
        for (Event event : events) {
            if (event.kind() == Event.Kind.FIXED && safeCompare(order, version, event.version()) < 0) {
                return event.version();
            }
            if (event.kind() == Event.Kind.INTRODUCED
                    && !event.isIntroducedAtZero()
                    && safeCompare(order, version, event.version()) < 0) {
                return "";
            }
        }
        return "";
    }

    /** The entry with each range's events in version order (left as listed when they cannot be ordered). */
    static Affected withSortedEvents(Affected a) {
        VersionOrdering ordering = Orderings.forEcosystem(a.ecosystem()).orElse(null);
        if (ordering == null) {
            return a;
        }
        List<Range> ranges = new ArrayList<>();
        for (Range range : a.ranges()) {
            VersionOrdering order = "SEMVER".equals(range.type()) ? Orderings.semver() : ordering;
            try {
                ranges.add(range.isGit() ? range : new Range(range.type(), sorted(range.events(), order)));
            } catch (InvalidVersionException e) {
                ranges.add(range);
            }
        }
        return new Affected(
                a.ecosystem(), a.name(), a.purl(), ranges, a.versions(), a.severity(), a.urgency(), a.ghsaSeverity());
    }

    static List<Event> sorted(List<Event> events, VersionOrdering order) {
        List<Event> copy = new ArrayList<>(events);
        copy.sort(Comparator.comparing((Event e) -> e, (a, b) -> {
            if (a.isIntroducedAtZero() || b.isIntroducedAtZero()) {
                return Boolean.compare(!a.isIntroducedAtZero(), !b.isIntroducedAtZero());
            }
            return order.compare(a.version(), b.version());
        }));
        return copy;
    }

    /** An unparseable installed version is caught earlier; here an odd event version sorts high. */
    private static int safeCompare(VersionOrdering order, String a, String b) {
        try {
            return order.compare(a, b);
        } catch (InvalidVersionException e) {
            return -1;
        }
    }
}
