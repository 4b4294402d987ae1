package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtSigningBuiltinsTest {
    /** RFC 7515 appendix A.1: the HS256 example, header and payload taken byte for byte. */
    @Test
    void rawSigningReproducesTheRfcExample() {
        String header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
        String payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
        String key =
                "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
        assertEquals(
                StringValue.of("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                call("io.jwt.encode_sign_raw", StringValue.of(header), StringValue.of(payload), StringValue.of(key)));
    }

    @Test
    void signedTokensVerifyAndDecode() throws Exception {
        Value token = call(
                "io.jwt.encode_sign",
                v("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"),
                v("{\"sub\": \"gate\"}"),
                v("{\"kty\": \"oct\", \"k\": \"czNjcmV0\"}"));
        assertEquals(v("true"), call("io.jwt.verify_hs256", token, v("\"s3cret\"")));
        assertEquals(v("{\"sub\": \"gate\"}"), ((ArrayValue) call("io.jwt.decode", token)).get(1));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String jwk = "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \""
                + url.encodeToString(unsigned(pub.getW().getAffineX().toByteArray())) + "\", \"y\": \""
                + url.encodeToString(unsigned(pub.getW().getAffineY().toByteArray())) + "\"";
        String privateJwk = jwk + ", \"d\": \""
                + url.encodeToString(
                        unsigned(((ECPrivateKey) pair.getPrivate()).getS().toByteArray())) + "\"}";
        Value es = call("io.jwt.encode_sign", v("{\"alg\": \"ES256\"}"), v("{\"sub\": \"gate\"}"), v(privateJwk));
        assertEquals(v("true"), call("io.jwt.verify_es256", es, StringValue.of(jwk + "}")));
        assertBuiltinError(
                "io.jwt.encode_sign: unknown JWS algorithm: XS256",
                "io.jwt.encode_sign",
                "{\"alg\": \"XS256\"}, {}, {\"kty\": \"oct\", \"k\": \"eA\"}");
        assertBuiltinError(
                "io.jwt.encode_sign_raw: type is JWT but payload is not JSON",
                "io.jwt.encode_sign_raw",
                "`{\"alg\": \"HS256\"}`, \"not json\", `{\"kty\": \"oct\", \"k\": \"eA\"}`");
        // OPA 1.22 signs with EdDSA and no longer with "none" (the value below is what it prints for the same key).
        assertBuiltinError(
                "io.jwt.encode_sign: unknown JWS algorithm: none",
                "io.jwt.encode_sign",
                "{\"alg\": \"none\"}, {}, {\"kty\": \"oct\", \"k\": \"eA\"}");
        assertEquals(
                StringValue.of(
                        "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.D28KvS9E9pNSTwXmO6CLh3qaCxVnHTzsdIFHG4Z4GeJthDfGxO0zBLUFl8XWARY-4iaRhvIhNvU4eOVzN49UBw"),
                call(
                        "io.jwt.encode_sign",
                        v("{\"alg\": \"EdDSA\"}"),
                        v("{\"a\": 1}"),
                        v(
                                "{\"kty\": \"OKP\", \"crv\": \"Ed25519\","
                                        + " \"x\": \"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\", \"d\": \"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk\"}")));
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }
}
