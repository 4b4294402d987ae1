package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.Cidr;
import dev.gate.policy.builtins.support.CidrSets;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** net.cidr_* builtins and net.lookup_ip_addr. */
final class Net {
    static final BuiltinDeclaration CIDR_CONTAINS = BuiltinDeclaration.of(
            "net.cidr_contains", "boolean", "Whether a CIDR contains an address or another CIDR.", "string", "string");
    static final BuiltinDeclaration CIDR_INTERSECTS =
            BuiltinDeclaration.of("net.cidr_intersects", "boolean", "Whether two CIDRs overlap.", "string", "string");
    static final BuiltinDeclaration CIDR_EXPAND =
            BuiltinDeclaration.of("net.cidr_expand", "set", "Every address of a CIDR.", "string");
    static final BuiltinDeclaration CIDR_IS_VALID =
            BuiltinDeclaration.of("net.cidr_is_valid", "boolean", "Whether a string is a valid CIDR.", "string");
    static final BuiltinDeclaration CIDR_MERGE = BuiltinDeclaration.of(
            "net.cidr_merge", "set", "The fewest CIDRs covering the given addresses and CIDRs.", "array|set");
    static final BuiltinDeclaration CIDR_CONTAINS_MATCHES = BuiltinDeclaration.of(
            "net.cidr_contains_matches",
            "set",
            "Pairs of keys [cidr key, address key] where the CIDR contains the address or CIDR.",
            "string|array|set|object",
            "string|array|set|object");
    static final BuiltinDeclaration LOOKUP_IP_ADDR = BuiltinDeclaration.of(
            "net.lookup_ip_addr", "set", "The IPv4 and IPv6 addresses a host name resolves to.", "string");

    private Net() {}

    static void register(BuiltinRegistry r) {
        r.add(
                CIDR_CONTAINS,
                (ctx, args) -> Values.bool(Values.guard(
                        "net.cidr_contains",
                        () -> Cidr.parse(Operands.string("net.cidr_contains", args, 1))
                                .contains(Operands.string("net.cidr_contains", args, 2)))));
        r.add(
                CIDR_INTERSECTS,
                (ctx, args) -> Values.bool(Values.guard(
                        "net.cidr_intersects",
                        () -> Cidr.parse(Operands.string("net.cidr_intersects", args, 1))
                                .intersects(Cidr.parse(Operands.string("net.cidr_intersects", args, 2))))));
        r.add(
                CIDR_EXPAND,
                (ctx, args) -> Values.stringSet(Values.guard(
                        "net.cidr_expand",
                        () -> CidrSets.expand(Cidr.parse(Operands.string("net.cidr_expand", args, 1))))));
        r.add(
                CIDR_IS_VALID,
                (ctx, args) -> Values.bool(args.get(0) instanceof StringValue s && Cidr.isValid(s.value())));
        r.add(CIDR_MERGE, (ctx, args) -> merge(args));
        r.add(CIDR_CONTAINS_MATCHES, (ctx, args) -> containsMatches(args));
        r.add(LOOKUP_IP_ADDR, (ctx, args) -> lookup(Operands.string(LOOKUP_IP_ADDR.name(), args, 1)));
    }

    private static Value merge(List<Value> args) {
        String name = "net.cidr_merge";
        List<Cidr> networks = new ArrayList<>();
        for (Value v : Values.elementsOfArrayOrSet(name, args, 1, "array", "set")) {
            if (!(v instanceof StringValue s)) throw BuiltinException.builtin(name, "element must be string");
            networks.add(Values.guard(name, () -> CidrSets.parseMergeOperand(s.value())));
        }
        return Values.stringSet(CidrSets.merge(networks));
    }

    private static Value lookup(String host) {
        try {
            TreeSet<String> out = new TreeSet<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                byte[] b = a.getAddress();
                out.add(CidrSets.formatIp(
                        new java.math.BigInteger(1, b), b.length * 8)); // Go's form: "::1", not "0:0:0:0:0:0:0:1"
            }
            return Values.stringSet(out);
        } catch (UnknownHostException e) {
            throw BuiltinException.builtin(LOOKUP_IP_ADDR.name(), "lookup " + host + ": no such host");
        }
    }

    /** One operand element: its key in the result and the CIDR or address term (a string, or an array's first element). */
    private record Keyed(Value key, Value item) {}

    private static List<Keyed> keyed(Value operand) {
        List<Keyed> out = new ArrayList<>();
        if (operand instanceof StringValue) {
            out.add(new Keyed(operand, operand));
        } else if (operand instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) out.add(new Keyed(NumberValue.of(i), a.get(i)));
        } else if (operand instanceof SetValue s) {
            for (Value v : s.elements()) out.add(new Keyed(v, v));
        } else if (operand instanceof ObjectValue o) {
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) out.add(new Keyed(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String address(int pos, Value item) {
        String name = "net.cidr_contains_matches";
        Value v = item;
        if (v instanceof ArrayValue a && a.size() > 0) v = a.get(0);
        else if (!(v instanceof StringValue))
            throw BuiltinException.builtin(name, "operand " + pos + ": element must be string or non-empty array");
        if (!(v instanceof StringValue s)) throw Operands.mustBe(name, pos, "string", v);
        return s.value();
    }

    private static Value containsMatches(List<Value> args) {
        String name = "net.cidr_contains_matches";
        TreeSet<Value> out = new TreeSet<>();
        for (Keyed a : keyed(args.get(0))) {
            for (Keyed b : keyed(args.get(1))) {
                String cidr = address(1, a.item());
                String other = address(2, b.item());
                if (Values.guard(name, () -> Cidr.parse(cidr).contains(other)))
                    out.add(ArrayValue.of(a.key(), b.key()));
            }
        }
        return SetValue.of(out);
    }
}
