package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class TimeNetCryptoBuiltinsTest {
    @Test
    void nowIsTheQueryClock() {
        assertEquals(NumberValue.parse("1772600767123456789"), call("time.now_ns"));
    }

    @Test
    void parsingAndFormatting() {
        assertCall("1677630124000000000", "time.parse_rfc3339_ns", "\"2023-03-01T00:22:04Z\"");
        assertCall("1580515200000000000", "time.parse_ns", "\"2006-01-02\", \"2020-02-01\"");
        assertCall("5400000000000", "time.parse_duration_ns", "\"1h30m\"");
        assertCall("\"2023-03-01T00:22:04Z\"", "time.format", "1677630124000000000");
        assertCall("\"2023-02-28\"", "time.format", "[1677630124000000000, \"America/New_York\", \"2006-01-02\"]");
        assertBuiltinError(
                "time.parse_duration_ns: time: missing unit in duration \"1\"", "time.parse_duration_ns", "\"1\"");
        assertTypeError(
                "time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string",
                "time.date",
                "\"x\"");
        assertBuiltinError("time.date: timestamp too big", "time.date", "1.5");
    }

    @Test
    void calendar() {
        assertCall("[2023, 3, 1]", "time.date", "1677630124000000000");
        assertCall("[2023, 2, 28]", "time.date", "[1677630124000000000, \"America/Los_Angeles\"]");
        assertCall("[0, 22, 4]", "time.clock", "1677630124000000000");
        assertCall("\"Wednesday\"", "time.weekday", "1677630124000000000");
        assertCall("1580515200000000000", "time.add_date", "1577836800000000000, 0, 1, 0");
        assertCall("[0, 0, 28, 0, 0, 0]", "time.diff", "1580601600000000000, 1583020800000000000");
        assertBuiltinError("time.add_date: time outside of valid range", "time.add_date", "0, 2262, 1, 1");
    }

    @Test
    void cidrs() {
        assertCall("true", "net.cidr_contains", "\"10.0.0.0/8\", \"10.1.2.3\"");
        assertCall("false", "net.cidr_contains", "\"10.0.0.0/24\", \"10.0.0.0/16\"");
        assertCall("true", "net.cidr_intersects", "\"10.0.0.0/16\", \"10.0.1.0/24\"");
        assertCall("{\"10.0.0.0\", \"10.0.0.1\"}", "net.cidr_expand", "\"10.0.0.0/31\"");
        assertCall("true", "net.cidr_is_valid", "\"::1/128\"");
        assertCall("false", "net.cidr_is_valid", "\"10.0.0.1\"");
        assertCall("{\"10.0.0.0/23\"}", "net.cidr_merge", "[\"10.0.0.0/24\", \"10.0.1.0/24\"]");
        assertCall(
                "{[\"a\", 0], [\"a\", 1]}",
                "net.cidr_contains_matches",
                "{\"a\": \"10.0.0.0/8\"}, [\"10.1.1.1\", [\"10.2.0.0/16\", \"x\"]]");
        assertBuiltinError(
                "net.cidr_expand: invalid CIDR address: 192.168.1.1/33", "net.cidr_expand", "\"192.168.1.1/33\"");
        assertBuiltinError("net.cidr_merge: IPv6 invalid: needs prefix length", "net.cidr_merge", "[\"::1\"]");
        assertBuiltinError(
                "net.cidr_contains_matches: operand 2: element must be string or non-empty array",
                "net.cidr_contains_matches",
                "\"10.0.0.0/8\", [1]");
    }

    @Test
    void hostLookup() {
        assertTrue(((dev.gate.policy.value.SetValue) call("net.lookup_ip_addr", v("\"localhost\"")))
                        .contains(v("\"127.0.0.1\""))
                || ((dev.gate.policy.value.SetValue) call("net.lookup_ip_addr", v("\"localhost\"")))
                        .contains(v("\"::1\"")));
        assertCall("{\"10.1.2.3\"}", "net.lookup_ip_addr", "\"10.1.2.3\"");
        assertBuiltinError(
                "net.lookup_ip_addr: lookup no-such-host.invalid: no such host",
                "net.lookup_ip_addr",
                "\"no-such-host.invalid\"");
    }

    @Test
    void hashes() {
        assertCall("\"900150983cd24fb0d6963f7d28e17f72\"", "crypto.md5", "\"abc\"");
        assertCall("\"a9993e364706816aba3e25717850c26c9cd0d89d\"", "crypto.sha1", "\"abc\"");
        assertCall("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"", "crypto.sha256", "\"abc\"");
        assertCall(
                "\"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\"",
                "crypto.hmac.sha256",
                "\"The quick brown fox jumps over the lazy dog\", \"key\"");
        assertCall("true", "crypto.hmac.equal", "\"ab\", \"ab\"");
        assertCall("false", "crypto.hmac.equal", "\"ab\", \"ac\"");
    }

    /** A certificate from the JDK's own trust store, as PEM and as base64 DER, read back field by field. */
    @Test
    void x509Certificates() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            store.load(in, null);
        }
        X509Certificate cert = (X509Certificate)
                store.getCertificate(Collections.list(store.aliases()).get(0));
        String der = Base64.getEncoder().encodeToString(cert.getEncoded());
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        for (String input : new String[] {der, pem, Base64.getEncoder().encodeToString(pem.getBytes())}) {
            ArrayValue certs = (ArrayValue) call("crypto.x509.parse_certificates", StringValue.of(input));
            assertEquals(1, certs.size());
            ObjectValue parsed = (ObjectValue) certs.get(0);
            assertEquals(NumberValue.of(cert.getSerialNumber()), parsed.get("SerialNumber"));
            assertEquals(StringValue.of(der), parsed.get("Raw"));
            assertEquals(StringValue.of(cert.getNotAfter().toInstant().toString()), parsed.get("NotAfter"));
            String subject = cert.getSubjectX500Principal().getName();
            Value commonName = ((ObjectValue) parsed.get("Subject")).get("CommonName");
            assertTrue(
                    subject.contains("CN=" + ((StringValue) commonName).value())
                            || ((StringValue) commonName).value().isEmpty(),
                    subject);
        }
        assertBuiltinError(
                "crypto.x509.parse_certificates: x509: malformed certificate",
                "crypto.x509.parse_certificates",
                "\"YmFkc3RyaW5n\"");
    }

    @Test
    void randomValuesAreStableWithinAQuery() {
        BuiltinContext query = BuiltinContext.simple(Calls.NOW);
        Value first = call(query, "uuid.rfc4122", v("\"k\""));
        assertEquals(first, call(query, "uuid.rfc4122", v("\"k\"")));
        assertNotEquals(first, call(query, "uuid.rfc4122", v("\"other\"")));
        assertTrue(((StringValue) first)
                .value()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        Value n = call(query, "rand.intn", v("\"k\""), v("10"));
        assertEquals(n, call(query, "rand.intn", v("\"k\""), v("10")));
        int i = ((NumberValue) n).intValueExact();
        assertTrue(i >= 0 && i < 10);
        assertEquals(v("0"), call(query, "rand.intn", v("\"k\""), v("0")));
        assertEquals(v("{}"), call("opa.runtime"));
    }
}
