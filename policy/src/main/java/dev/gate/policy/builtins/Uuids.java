package dev.gate.policy.builtins;

import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * uuid.parse: the fields of a UUID written as google/uuid accepts it (plain, urn:uuid:, braces or 32 hex digits);
 * version 1 and 2 UUIDs also give their time (Unix ns), clock sequence and node. Undefined when not a UUID.
 */
final class Uuids {
    static final BuiltinDeclaration PARSE = BuiltinDeclaration.of(
            "uuid.parse",
            "object",
            "Parses a UUID into its version, variant and, for time-based ones, time, clocksequence, nodeid and macvariables.",
            "string");

    /** 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
    private static final long GREGORIAN_OFFSET = 122192928000000000L;

    private Uuids() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE, (ctx, args) -> parse(Operands.string(PARSE.name(), args, 1)));
    }

    private static Value parse(String text) {
        byte[] b = bytes(text);
        if (b == null) return null;
        int version = (b[6] & 0xff) >> 4;
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("version", NumberValue.of(version));
        out.put("variant", StringValue.of(variant(b[8] & 0xff)));
        if (version == 1 || version == 2) {
            long timeLow = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            long timeMid = ((b[4] & 0xffL) << 8) | (b[5] & 0xffL);
            long timeHigh = (((b[6] & 0xffL) << 8) | (b[7] & 0xffL)) & 0xfff;
            // A DCE (v2) UUID keeps its local id where v1 keeps time_low; google/uuid, and so OPA, still reads the
            // time from all three fields, and the id is also reported on its own.
            long ticks = timeLow | (timeMid << 32) | (timeHigh << 48);
            out.put(
                    "time",
                    NumberValue.of(BigInteger.valueOf(ticks - GREGORIAN_OFFSET).multiply(BigInteger.valueOf(100))));
            out.put("clocksequence", NumberValue.of((((b[8] & 0xff) << 8) | (b[9] & 0xff)) & 0x3fff));
            String node = HexFormat.ofDelimiter("-").formatHex(b, 10, 16);
            out.put("nodeid", StringValue.of(node));
            out.put(
                    "macvariables",
                    StringValue.of(((b[10] & 0x02) != 0 ? "local" : "global") + ":"
                            + ((b[10] & 0x01) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                out.put("id", NumberValue.of(timeLow));
                out.put("domain", StringValue.of(domain(b[9] & 0xff)));
            }
        }
        return ObjectValue.ofStrings(out);
    }

    private static String variant(int octet) {
        if ((octet & 0xc0) == 0x80) return "RFC4122";
        if ((octet & 0xe0) == 0xc0) return "Microsoft";
        if ((octet & 0xe0) == 0xe0) return "Future";
        return "Reserved";
    }

    private static String domain(int d) {
        return switch (d) {
            case 0 -> "Person";
            case 1 -> "Group";
            case 2 -> "Org";
            default -> "Domain" + d;
        };
    }

    /** The 16 bytes, or null for text google/uuid would refuse. */
    private static byte[] bytes(String s) {
        String hex;
        if (s.length() == 36 + 9 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) s = s.substring(9);
        else if (s.length() == 38) s = s.substring(1, 37); // as Go's uuid.Parse: any one character on either side
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') return null;
            hex = s.replace("-", "");
            if (hex.length() != 32) return null;
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        for (char c : hex.toCharArray()) if (Character.digit(c, 16) < 0 || c > 127) return null;
        return HexFormat.of().parseHex(hex.toLowerCase());
    }
}
