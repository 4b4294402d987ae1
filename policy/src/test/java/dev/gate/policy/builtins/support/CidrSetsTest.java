package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CidrSetsTest {
    private static List<String> merge(String... items) {
        return CidrSets.merge(Stream.of(items).map(CidrSets::parseMergeOperand).toList());
    }

    @Test
    void expandsTheMaskedNetwork() {
        assertEquals(
                List.of("172.16.100.252", "172.16.100.253", "172.16.100.254", "172.16.100.255"),
                CidrSets.expand(Cidr.parse("172.16.100.255/30")));
        assertEquals(List.of("192.168.1.1"), CidrSets.expand(Cidr.parse("192.168.1.1/32")));
        assertThrows(IllegalArgumentException.class, () -> CidrSets.expand(Cidr.parse("10.0.0.0/8")));
    }

    @Test
    void mergesIntoTheFewestNetworks() {
        assertEquals(List.of("192.0.128.0/23"), merge("192.0.128.0/24", "192.0.129.0/24"));
        assertEquals(List.of("192.0.129.0/24", "192.0.130.0/24"), merge("192.0.129.0/24", "192.0.130.0/24"));
        assertEquals(List.of("10.0.0.0/8"), merge("10.0.0.0/8", "10.1.2.3"));
        assertEquals(
                List.of("192.0.128.0/23"), merge("192.0.128.0", "192.0.129.0"), "bare addresses are classful networks");
        assertEquals(List.of("192.0.2.0/24"), merge("192.0.2.112", "192.0.2.116/31", "192.0.2.118/31"));
        assertEquals(List.of("172.16.0.0/16", "224.0.0.1/32"), merge("172.16.3.4", "224.0.0.1"));
        assertEquals(
                List.of("2601:600:8a80:207e::/64"),
                merge("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"));
        assertEquals(
                List.of("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"),
                merge("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"));
        assertEquals(
                "IPv6 invalid: needs prefix length",
                assertThrows(IllegalArgumentException.class, () -> merge("2601:600::1"))
                        .getMessage());
    }

    @Test
    void formatsIpv6LikeGo() {
        assertEquals(
                "2001:db8::1", CidrSets.formatIp(Cidr.parse("2001:db8::1/128").first(), 128));
        assertEquals("::", CidrSets.formatIp(Cidr.parse("::/0").first(), 128));
        assertEquals(
                "2001:db8:0:1:1:1:1:1",
                CidrSets.formatIp(Cidr.parse("2001:db8:0:1:1:1:1:1/128").first(), 128));
        assertEquals(
                "2001:0:0:1::1",
                CidrSets.formatIp(Cidr.parse("2001:0:0:1:0:0:0:1/128").first(), 128));
    }
}
