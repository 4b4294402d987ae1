package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Nested tokens (cty JWT), encrypted ones, critical header extensions, and the errors of malformed headers and keys. */
class JwtNestingAndErrorsTest {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String SECRET = "s3cret";

    private static String hs256(String header, String payload) throws Exception {
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String nested() throws Exception {
        String inner = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iss\":\"opa\",\"sub\":\"0\"}");
        String middle = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"cty\":\"JWT\"}", "\"" + inner + "\"");
        return hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"cty\":\"JWT\"}", "\"" + middle + "\"");
    }

    @Test
    void decodeReadsThroughNestedTokensToTheInnermost() throws Exception {
        ArrayValue decoded = (ArrayValue) call("io.jwt.decode", StringValue.of(nested()));
        assertEquals(v("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"), decoded.get(0));
        assertEquals(v("{\"iss\": \"opa\", \"sub\": \"0\"}"), decoded.get(1));
    }

    @Test
    void decodeVerifyChecksEveryLevelOfANestedToken() throws Exception {
        Value ok = call("io.jwt.decode_verify", StringValue.of(nested()), v("{\"secret\": \"s3cret\"}"));
        assertEquals(v("[true, {\"alg\": \"HS256\", \"typ\": \"JWT\"}, {\"iss\": \"opa\", \"sub\": \"0\"}]"), ok);
        String badInner = hs256("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", "\"" + "eyJhbGciOiJIUzI1NiJ9.e30.AAAA" + "\"");
        assertEquals(
                v("[false, {}, {}]"),
                call("io.jwt.decode_verify", StringValue.of(badInner), v("{\"secret\": \"s3cret\"}")));
    }

    @Test
    void encryptedTokensAreRefused() throws Exception {
        String jwe = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"enc\":\"blah\"}", "{\"iss\":\"opa\"}");
        assertBuiltinError(
                "io.jwt.decode: JWT is a JWE object, which is not supported", "io.jwt.decode", "\"" + jwe + "\"");
    }

    @Test
    void aCriticalHeaderExtensionIsNotUnderstoodSoTheTokenDoesNotVerify() throws Exception {
        String crit =
                hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"junk\"],\"junk\":\"x\"}", "{\"iss\":\"opa\"}");
        assertEquals(
                v("[false, {}, {}]"),
                call("io.jwt.decode_verify", StringValue.of(crit), v("{\"secret\": \"s3cret\"}")));
    }

    @Test
    void encodeSignRawNamesWhatIsWrongWithTheHeader() {
        String key = "`{\"kty\": \"oct\", \"k\": \"eA\"}`";
        // OPA 1.22's words for each.
        String bad = "io.jwt.encode_sign_raw: missing or invalid 'alg' header: ";
        assertBuiltinError(bad + "jwsbb: header \"alg\" not found", "io.jwt.encode_sign_raw", "\"e\", \"{}\", " + key);
        assertBuiltinError(bad + "jwsbb: header \"alg\" not found", "io.jwt.encode_sign_raw", "\"{}\", \"{}\", " + key);
        assertBuiltinError(
                bad + "cannot parse JSON: cannot parse empty string", "io.jwt.encode_sign_raw", "\"\", \"{}\", " + key);
        assertBuiltinError(bad + "cannot parse JSON", "io.jwt.encode_sign_raw", "\"{\\\"alg\\\": \", \"{}\", " + key);
        assertBuiltinError(
                bad + "value doesn't contain string; it contains true",
                "io.jwt.encode_sign_raw",
                "\"{\\\"alg\\\": true}\", \"{}\", " + key);
        assertBuiltinError(
                "io.jwt.encode_sign_raw: unknown JWS algorithm: none",
                "io.jwt.encode_sign_raw",
                "\"{\\\"alg\\\": \\\"none\\\"}\", \"{}\", " + key);
    }

    private static void assertBuiltinErrorStartsWith(String prefix, String name, String regoArgs) {
        BuiltinException e =
                org.junit.jupiter.api.Assertions.assertThrows(BuiltinException.class, () -> Calls.call(name, regoArgs));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertEquals(BuiltinException.BUILTIN_ERROR, e.code());
    }

    @Test
    void malformedVerificationKeysAreErrorsNamingTheirKind() throws Exception {
        String token = "\"" + hs256("{\"alg\":\"RS256\"}", "{}") + "\"";
        assertBuiltinError(
                "io.jwt.verify_rs256: extra data after a PEM certificate block",
                "io.jwt.verify_rs256",
                token + ", \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\nEXTRA\"");
        assertBuiltinErrorStartsWith(
                "io.jwt.verify_rs256: failed to parse a PEM certificate",
                "io.jwt.verify_rs256",
                token + ", \"-----BEGIN CERTIFICATE-----\\ndeadbeef\\n-----END CERTIFICATE-----\"");
        assertBuiltinErrorStartsWith(
                "io.jwt.verify_rs256: failed to parse a JWK key (set)",
                "io.jwt.verify_rs256",
                token + ", `{\"kty\": \"bogus key type\", \"e\": \"AQAB\"}`");
    }
}
