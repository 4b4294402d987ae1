package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoCalendar;
import dev.gate.policy.builtins.support.GoDuration;
import dev.gate.policy.builtins.support.GoTimeFormatter;
import dev.gate.policy.builtins.support.GoTimeParser;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.Value;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** The time.* builtins on Unix nanoseconds in an int64, with Go's layouts, zones and calendar rules. */
final class Times {
    private static final String EITHER = "either number (ns) or [number (ns), string (tz)]";

    static final BuiltinDeclaration NOW_NS = BuiltinDeclaration.of(
            "time.now_ns", "number", "The query's current time in Unix nanoseconds (fixed for one query).");
    static final BuiltinDeclaration PARSE_RFC3339_NS = BuiltinDeclaration.of(
            "time.parse_rfc3339_ns", "number", "Parses an RFC 3339 timestamp to Unix nanoseconds.", "string");
    static final BuiltinDeclaration PARSE_NS = BuiltinDeclaration.of(
            "time.parse_ns", "number", "Parses a timestamp with a Go layout to Unix nanoseconds.", "string", "string");
    static final BuiltinDeclaration PARSE_DURATION_NS = BuiltinDeclaration.of(
            "time.parse_duration_ns", "number", "Parses a Go duration (\"1h30m\") to nanoseconds.", "string");
    static final BuiltinDeclaration DATE =
            BuiltinDeclaration.of("time.date", "array", "[year, month, day] of a time.", "number|array");
    static final BuiltinDeclaration CLOCK =
            BuiltinDeclaration.of("time.clock", "array", "[hour, minute, second] of a time.", "number|array");
    static final BuiltinDeclaration WEEKDAY =
            BuiltinDeclaration.of("time.weekday", "string", "The English weekday of a time.", "number|array");
    static final BuiltinDeclaration ADD_DATE = BuiltinDeclaration.of(
            "time.add_date",
            "number",
            "Adds years, months and days to a time, normalising as Go does.",
            "number",
            "number",
            "number",
            "number");
    static final BuiltinDeclaration DIFF = BuiltinDeclaration.of(
            "time.diff",
            "array",
            "[years, months, days, hours, minutes, seconds] between two times.",
            "number|array",
            "number|array");
    static final BuiltinDeclaration FORMAT = BuiltinDeclaration.of(
            "time.format",
            "string",
            "Formats a time: ns, [ns, tz] or [ns, tz, layout]; RFC 3339 with nanoseconds by default.",
            "number|array");

    static final BuiltinDeclaration TEST_SLEEP = BuiltinDeclaration.of(
            "test.sleep", "null", "Sleeps for a Go duration; for tests of time-dependent policies.", "string");

    private static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    private static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    private Times() {}

    static void register(BuiltinRegistry r) {
        r.add(NOW_NS, (ctx, args) -> NumberValue.of(nanos(ctx.now())));
        r.add(
                PARSE_RFC3339_NS,
                (ctx, args) -> NumberValue.of(Values.guard(
                        "time.parse_rfc3339_ns",
                        () -> GoTimeParser.parseNanos(RFC3339, Operands.string("time.parse_rfc3339_ns", args, 1)))));
        r.add(
                PARSE_NS,
                (ctx, args) -> NumberValue.of(Values.guard(
                        "time.parse_ns",
                        () -> GoTimeParser.parseNanos(
                                Operands.string("time.parse_ns", args, 1),
                                Operands.string("time.parse_ns", args, 2)))));
        r.add(
                PARSE_DURATION_NS,
                (ctx, args) -> NumberValue.of(Values.guard(
                        "time.parse_duration_ns",
                        () -> GoDuration.parseExtendedNanos(Operands.string("time.parse_duration_ns", args, 1)))));
        r.add(DATE, (ctx, args) -> {
            Zoned t = zoned("time.date", args.get(0));
            return Values.integers(GoCalendar.date(t.nanos, t.zone));
        });
        r.add(CLOCK, (ctx, args) -> {
            Zoned t = zoned("time.clock", args.get(0));
            return Values.integers(GoCalendar.clock(t.nanos, t.zone));
        });
        r.add(WEEKDAY, (ctx, args) -> {
            Zoned t = zoned("time.weekday", args.get(0));
            return Values.str(GoCalendar.weekday(t.nanos, t.zone));
        });
        r.add(
                TEST_SLEEP,
                (ctx, args) -> sleep(
                        ctx,
                        Values.guard(
                                "test.sleep", () -> GoDuration.parseNanos(Operands.string("test.sleep", args, 1)))));
        r.add(ADD_DATE, (ctx, args) -> addDate(args));
        r.add(DIFF, (ctx, args) -> {
            Zoned a = zoned("time.diff", args.get(0)), b = zoned("time.diff", args.get(1));
            return Values.integers(Values.guard("time.diff", () -> GoCalendar.diff(a.nanos, a.zone, b.nanos, b.zone)));
        });
        r.add(FORMAT, (ctx, args) -> {
            Zoned t = zoned("time.format", args.get(0));
            return Values.str(Values.guard(
                    "time.format", () -> GoTimeFormatter.format(GoCalendar.at(t.nanos, t.zone), t.layout)));
        });
    }

    static long nanos(Instant now) {
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /** Sleeps in slices so the query's deadline still stops it. */
    private static Value sleep(BuiltinContext ctx, long nanos) {
        long end = System.nanoTime() + Math.max(0, nanos);
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            ctx.checkDeadline();
            try {
                Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BuiltinException.builtin("test.sleep", "interrupted");
            }
        }
        return NullValue.NULL;
    }

    private static Value addDate(List<Value> args) {
        String name = "time.add_date";
        Zoned t = zoned(name, args.get(0));
        int years = Operands.integer(name, args, 2),
                months = Operands.integer(name, args, 3),
                days = Operands.integer(name, args, 4);
        return NumberValue.of(Values.guard(name, () -> GoCalendar.addDate(t.nanos, years, months, days, t.zone)));
    }

    /** A time operand: ns, or [ns, zone] or [ns, zone, layout]. */
    private record Zoned(long nanos, ZoneId zone, String layout) {}

    private static Zoned zoned(String name, Value v) {
        Value ns;
        ZoneId zone = ZoneOffset.UTC;
        String layout = RFC3339_NANO;
        if (v instanceof ArrayValue a) {
            if (a.size() == 0) throw Operands.mustBe(name, 1, EITHER, v);
            ns = a.get(0);
            Operands.number(name, a.elements(), 1);
            if (a.size() > 1) {
                String tz = Operands.string(name, List.of(a.get(1)), 1);
                zone = Values.guard(name, () -> GoCalendar.zone(tz));
            }
            if (a.size() > 2) layout = Operands.string(name, List.of(a.get(2)), 1);
        } else if (v instanceof NumberValue) {
            ns = v;
        } else {
            throw Operands.mustBe(name, 1, EITHER, v);
        }
        NumberValue n = (NumberValue) ns;
        if (!n.isInteger() || n.bigInteger().bitLength() > 63)
            throw BuiltinException.builtin(name, "timestamp too big");
        return new Zoned(n.bigInteger().longValue(), zone, layout);
    }
}
