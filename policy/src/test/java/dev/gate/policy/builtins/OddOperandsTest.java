package dev.gate.policy.builtins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every builtin, called with every combination of awkward operands, answers with a value, undefined or a
 * BuiltinException: never another exception, which the engine would report as a crash instead of OPA's error.
 */
class OddOperandsTest {
    /** Sleeping and DNS are not exercised here; their own tests cover them. */
    private static final Set<String> SKIPPED = Set.of("test.sleep", "net.lookup_ip_addr");

    private static final List<String> ODD = List.of(
            "null",
            "true",
            "-1",
            "0",
            "2.5",
            "1e400",
            "\"\"",
            "\"a\"",
            "\"-\"",
            "\"10.0.0.0/8\"",
            "[]",
            "[1, \"a\"]",
            "[[]]",
            "{}",
            "{\"a\": 1}",
            "{1: [2]}",
            "set()",
            "{\"x\", 2}",
            "\"{{.\"",
            "\"-----BEGIN X-----\"");

    @Test
    void onlyBuiltinErrorsEscape() {
        List<String> crashes = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, BuiltinRegistry.Entry> e :
                BuiltinRegistry.standard().entries().entrySet()) {
            if (SKIPPED.contains(e.getKey())) continue;
            int arity = e.getValue().decl().arity();
            for (List<Value> args : combinations(arity)) {
                calls++;
                try {
                    Calls.call(e.getKey(), args.toArray(Value[]::new));
                } catch (BuiltinException expected) {
                    // OPA's error: fine
                } catch (RuntimeException crash) {
                    crashes.add(e.getKey() + args + ": " + crash);
                }
            }
        }
        assertTrue(calls > 10_000, "calls made: " + calls);
        assertTrue(
                crashes.isEmpty(),
                crashes.size() + " crashes, e.g. " + crashes.subList(0, Math.min(10, crashes.size())));
    }

    /** All operand tuples for arity up to 2; for larger arities each position varies alone around a string default. */
    private static List<List<Value>> combinations(int arity) {
        List<Value> odd = ODD.stream().map(Calls::v).toList();
        List<List<Value>> out = new ArrayList<>();
        if (arity == 0) {
            out.add(List.of());
        } else if (arity == 1) {
            for (Value a : odd) out.add(List.of(a));
        } else if (arity == 2) {
            for (Value a : odd) for (Value b : odd) out.add(List.of(a, b));
        } else {
            for (int pos = 0; pos < arity; pos++) {
                for (Value v : odd) {
                    List<Value> args = new ArrayList<>();
                    for (int i = 0; i < arity; i++) args.add(i == pos ? v : Calls.v("\"a\""));
                    out.add(args);
                }
            }
        }
        return out;
    }
}
