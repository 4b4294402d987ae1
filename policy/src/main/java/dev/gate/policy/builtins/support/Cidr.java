package dev.gate.policy.builtins.support;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP network as Go's net.ParseCIDR reads it, with the containment rules of net.IPNet
 * (an IPv4-mapped IPv6 address counts as IPv4; families never mix otherwise).
 */
public record Cidr(BigInteger first, int prefix, int bits) {
    private static final BigInteger V4_MAPPED = BigInteger.valueOf(0xFFFFL).shiftLeft(32);

    public Cidr {
        if (bits != 32 && bits != 128 || prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("invalid network");
        }
        first = first.andNot(hostMask(prefix, bits));
    }

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,3}")) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        Ip ip = Ip.parseStrict(text.substring(0, slash), text);
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > ip.bits) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Cidr(ip.value, prefix, ip.bits);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public BigInteger last() {
        return first.or(hostMask(prefix, bits));
    }

    /** net.cidr_contains with an address ("10.0.0.1") or a network ("10.0.0.0/24"). */
    public boolean contains(String addressOrCidr) {
        if (addressOrCidr.indexOf('/') >= 0) {
            Cidr other = parse(addressOrCidr);
            return other.bits == bits && contains(other.first) && contains(other.last());
        }
        Ip ip = Ip.parseStrict(addressOrCidr, addressOrCidr).unmapped();
        return ip.bits == bits && contains(ip.value);
    }

    public boolean intersects(Cidr other) {
        return bits == other.bits && (contains(other.first) || other.contains(first));
    }

    private boolean contains(BigInteger address) {
        return address.compareTo(first) >= 0 && address.compareTo(last()) <= 0;
    }

    private static BigInteger hostMask(int prefix, int bits) {
        return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    }

    /** An address literal; never resolved through DNS. */
    record Ip(BigInteger value, int bits) {
        static Ip parseStrict(String text, String whole) {
            try {
                return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException(
                        whole.indexOf('/') >= 0 ? "invalid CIDR address: " + whole : "invalid IP address: " + whole);
            }
        }

        Ip unmapped() {
            if (bits == 128 && value.shiftRight(32).equals(V4_MAPPED.shiftRight(32))) {
                return new Ip(value.subtract(V4_MAPPED), 32);
            }
            return this;
        }

        private static Ip parseV4(String text) {
            String[] octets = text.split("\\.", -1);
            if (octets.length != 4) {
                throw new IllegalArgumentException(text);
            }
            long value = 0;
            for (String octet : octets) {
                // Go refuses leading zeros, which other parsers read as octal.
                if (!octet.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException(text);
                }
                value = value << 8 | Integer.parseInt(octet);
            }
            return new Ip(BigInteger.valueOf(value), 32);
        }

        private static Ip parseV6(String text) throws UnknownHostException {
            if (!text.matches("[0-9A-Fa-f:.]+") || text.contains(":::")) {
                throw new IllegalArgumentException(text);
            }
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == 4) { // Java folds ::ffff:a.b.c.d to IPv4; keep the IPv6 form
                return new Ip(V4_MAPPED.or(new BigInteger(1, bytes)), 128);
            }
            return new Ip(new BigInteger(1, bytes), 128);
        }
    }
}
