package dev.gate.policy.builtins.support;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** net.cidr_expand and net.cidr_merge, with addresses written as Go's net.IP.String writes them. */
public final class CidrSets {
    /** Expanding more than this many addresses would exhaust memory; OPA users hit the same wall. */
    private static final int MAX_EXPANSION = 1 << 20;

    private CidrSets() {}

    public static List<String> expand(Cidr cidr) {
        BigInteger size = cidr.last().subtract(cidr.first()).add(BigInteger.ONE);
        if (size.compareTo(BigInteger.valueOf(MAX_EXPANSION)) > 0) {
            throw new IllegalArgumentException("CIDR too large to expand: " + format(cidr));
        }
        List<String> out = new ArrayList<>();
        for (BigInteger ip = cidr.first(); ip.compareTo(cidr.last()) <= 0; ip = ip.add(BigInteger.ONE)) {
            out.add(formatIp(ip, cidr.bits()));
        }
        return out;
    }

    /**
     * Parses a cidr_merge operand. An IPv4 address alone stands for its classful network (class A /8, B /16, C /24,
     * others /32), as Go's {@code IP.DefaultMask} that OPA applies; IPv6 needs a prefix.
     */
    public static Cidr parseMergeOperand(String text) {
        if (text.indexOf('/') >= 0) {
            return Cidr.parse(text);
        }
        if (text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("IPv6 invalid: needs prefix length");
        }
        Cidr host = Cidr.parse(text + "/32");
        int firstOctet = host.first().shiftRight(24).intValue();
        int prefix = firstOctet < 128 ? 8 : firstOctet < 192 ? 16 : firstOctet < 224 ? 24 : 32;
        return new Cidr(host.first(), prefix, 32);
    }

    /** The fewest networks covering exactly the union of the given ones, per address family. */
    public static List<String> merge(List<Cidr> networks) {
        List<String> out = new ArrayList<>();
        for (int bits : new int[] {32, 128}) {
            List<BigInteger[]> ranges = new ArrayList<>();
            networks.stream()
                    .filter(n -> n.bits() == bits)
                    .sorted(Comparator.comparing(Cidr::first))
                    .forEach(n -> addRange(ranges, n.first(), n.last()));
            for (BigInteger[] range : ranges) {
                decompose(range[0], range[1], bits, out);
            }
        }
        return out;
    }

    private static void addRange(List<BigInteger[]> ranges, BigInteger first, BigInteger last) {
        if (!ranges.isEmpty()) {
            BigInteger[] tail = ranges.get(ranges.size() - 1);
            if (first.compareTo(tail[1].add(BigInteger.ONE)) <= 0) {
                tail[1] = tail[1].max(last);
                return;
            }
        }
        ranges.add(new BigInteger[] {first, last});
    }

    private static void decompose(BigInteger first, BigInteger last, int bits, List<String> out) {
        BigInteger start = first;
        while (start.compareTo(last) <= 0) {
            int hostBits = start.signum() == 0 ? bits : start.getLowestSetBit();
            hostBits = Math.min(hostBits, bits);
            while (start.add(BigInteger.ONE.shiftLeft(hostBits))
                            .subtract(BigInteger.ONE)
                            .compareTo(last)
                    > 0) {
                hostBits--;
            }
            out.add(format(new Cidr(start, bits - hostBits, bits)));
            start = start.add(BigInteger.ONE.shiftLeft(hostBits));
        }
    }

    public static String format(Cidr cidr) {
        return formatIp(cidr.first(), cidr.bits()) + "/" + cidr.prefix();
    }

    /** Dotted quad, or RFC 5952 IPv6: lowercase, the longest run (two or more) of zero groups as "::". */
    public static String formatIp(BigInteger ip, int bits) {
        if (bits == 32) {
            long v = ip.longValue();
            return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ip.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
