package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens are signed here with the JCA and checked through the io.jwt builtins. */
class JwtBuiltinsTest {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String PAYLOAD = "{\"iss\":\"gate\",\"aud\":[\"ci\"],\"exp\":1900000000,\"nbf\":1700000000}";

    private static String unsigned(String alg) {
        return URL.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String secret) throws Exception {
        String input = unsigned("HS256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void decodeGivesHeaderPayloadAndSignatureHex() throws Exception {
        String token = hs256("s3cret");
        Value decoded = call("io.jwt.decode", StringValue.of(token));
        assertEquals(v("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"), ((dev.gate.policy.value.ArrayValue) decoded).get(0));
        assertEquals(
                v("{\"aud\": [\"ci\"], \"exp\": 1900000000, \"iss\": \"gate\", \"nbf\": 1700000000}"),
                ((dev.gate.policy.value.ArrayValue) decoded).get(1));
        assertBuiltinError("io.jwt.decode: encoded JWT had no period separators", "io.jwt.decode", "\"abc\"");
        assertBuiltinError("io.jwt.decode: encoded JWT must have 3 sections, found 2", "io.jwt.decode", "\"a.b\"");
        assertBuiltinError(
                "io.jwt.decode: JWT header had invalid encoding: illegal base64 data at input byte 1",
                "io.jwt.decode",
                "\"a*.b.c\"");
    }

    @Test
    void hmacTokens() throws Exception {
        Value token = StringValue.of(hs256("s3cret"));
        assertEquals(v("true"), call("io.jwt.verify_hs256", token, v("\"s3cret\"")));
        assertEquals(v("false"), call("io.jwt.verify_hs256", token, v("\"other\"")));
        Value ok =
                call("io.jwt.decode_verify", token, v("{\"secret\": \"s3cret\", \"iss\": \"gate\", \"aud\": \"ci\"}"));
        assertEquals(v("true"), ((dev.gate.policy.value.ArrayValue) ok).get(0));
        assertEquals(
                v("[false, {}, {}]"),
                call("io.jwt.decode_verify", token, v("{\"secret\": \"s3cret\"}")),
                "aud in token, none asked");
        assertEquals(
                v("[false, {}, {}]"),
                call(
                        "io.jwt.decode_verify",
                        token,
                        v("{\"secret\": \"s3cret\", \"aud\": \"ci\", \"time\": 1950000000000000000}")),
                "expired");
        assertEquals(
                v("[false, {}, {}]"),
                call("io.jwt.decode_verify", token, v("{\"secret\": \"s3cret\", \"aud\": \"ci\", \"alg\": \"RS256\"}")),
                "algorithm mismatch");
        assertBuiltinError(
                "io.jwt.decode_verify: unknown token validation constraint: nope",
                "io.jwt.decode_verify",
                "\"a.b.c\", {\"nope\": 1}");
        assertBuiltinError(
                "io.jwt.decode_verify: duplicate key constraints",
                "io.jwt.decode_verify",
                "\"a.b.c\", {\"secret\": \"x\", \"cert\": \"y\"}");
        assertBuiltinError(
                "io.jwt.decode_verify: no key constraint", "io.jwt.decode_verify", "\"a.b.c\", {\"iss\": \"x\"}");
    }

    @Test
    void publicKeyTokens() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        String rsInput = unsigned("RS256");
        Signature rs = Signature.getInstance("SHA256withRSA");
        rs.initSign(rsaPair.getPrivate());
        rs.update(rsInput.getBytes(StandardCharsets.US_ASCII));
        Value rsToken = StringValue.of(rsInput + "." + URL.encodeToString(rs.sign()));
        assertEquals(v("true"), call("io.jwt.verify_rs256", rsToken, StringValue.of(pem(rsaPair))));
        assertEquals(v("false"), call("io.jwt.verify_rs256", rsToken, StringValue.of(pem(rsa.generateKeyPair()))));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPair = ec.generateKeyPair();
        String esInput = unsigned("ES256");
        Signature es = Signature.getInstance("SHA256withECDSAinP1363Format");
        es.initSign(ecPair.getPrivate());
        es.update(esInput.getBytes(StandardCharsets.US_ASCII));
        Value esToken = StringValue.of(esInput + "." + URL.encodeToString(es.sign()));
        assertEquals(v("true"), call("io.jwt.verify_es256", esToken, StringValue.of(pem(ecPair))));
        Value verified = call(
                "io.jwt.decode_verify",
                esToken,
                dev.gate.policy.value.ObjectValue.ofStrings(
                        java.util.Map.of("cert", StringValue.of(pem(ecPair)), "aud", StringValue.of("ci"))));
        assertEquals(v("true"), ((dev.gate.policy.value.ArrayValue) verified).get(0));
    }
}
