package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keys made by the JCA, written as PKCS#8 PEM (and PKCS#1 cut out of it), read back as JWKs. */
class PrivateKeyBuiltinsTest {
    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static BigInteger jwkNumber(Value jwk, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(((StringValue) ((ObjectValue) jwk).get(field)).value()));
    }

    /** PKCS#8 for RSA wraps the PKCS#1 structure in an OCTET STRING after a fixed 26-byte prefix for these key sizes. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int i = 0;
        while (!(pkcs8[i] == 0x04 && (pkcs8[i + 1] & 0xff) == 0x82)) i++;
        return Arrays.copyOfRange(pkcs8, i + 4, pkcs8.length);
    }

    @Test
    void rsaKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        String pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1(key.getEncoded()));
        Value jwk = call("crypto.x509.parse_rsa_private_key", StringValue.of(pkcs1Pem));
        assertEquals(v("\"RSA\""), ((ObjectValue) jwk).get("kty"));
        assertEquals(key.getModulus(), jwkNumber(jwk, "n"));
        assertEquals(key.getPrivateExponent(), jwkNumber(jwk, "d"));
        Value fromBase64 = call(
                "crypto.x509.parse_rsa_private_key",
                StringValue.of(Base64.getEncoder().encodeToString(pkcs1Pem.getBytes())));
        assertEquals(jwk, fromBase64);
        ArrayValue all = (ArrayValue)
                call("crypto.parse_private_keys", StringValue.of(pkcs1Pem + pem("PRIVATE KEY", key.getEncoded())));
        assertEquals(2, all.size());
        assertEquals(jwk, all.get(0));
        assertEquals(jwk, all.get(1));
        assertBuiltinError(
                "crypto.x509.parse_rsa_private_key: failed to parse PEM block containing the key",
                "crypto.x509.parse_rsa_private_key",
                "\"-----BEGIN nothing\"");
        assertEquals(v("null"), call("crypto.parse_private_keys", v("\"\"")));
        assertBuiltinError(
                "crypto.x509.parse_rsa_private_key: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)",
                "crypto.x509.parse_rsa_private_key",
                "\"" + pem("PRIVATE KEY", key.getEncoded()).replace("\n", "\\n") + "\"");
    }

    @Test
    void ecKeysGiveTheirPublicPoint() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = ec.generateKeyPair();
        ArrayValue keys = (ArrayValue) call(
                "crypto.parse_private_keys",
                StringValue.of(pem("PRIVATE KEY", pair.getPrivate().getEncoded())));
        Value jwk = keys.get(0);
        assertEquals(v("\"P-384\""), ((ObjectValue) jwk).get("crv"));
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        assertEquals(pub.getW().getAffineX(), jwkNumber(jwk, "x"));
        assertEquals(pub.getW().getAffineY(), jwkNumber(jwk, "y"));

        // The same key as SEC 1 (what openssl writes as "EC PRIVATE KEY"): version 1, the scalar, the curve's OID.
        byte[] d = java.util.HexFormat.of()
                .parseHex(String.format("%096x", ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS()));
        byte[] curve = java.util.HexFormat.of().parseHex("06052b81040022");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, (byte) d.length});
        body.writeBytes(d);
        body.writeBytes(new byte[] {(byte) 0xa0, (byte) curve.length});
        body.writeBytes(curve);
        byte[] sec1 = new byte[body.size() + 2];
        sec1[0] = 0x30;
        sec1[1] = (byte) body.size();
        System.arraycopy(body.toByteArray(), 0, sec1, 2, body.size());
        assertEquals(keys, call("crypto.parse_private_keys", StringValue.of(pem("EC PRIVATE KEY", sec1))));
    }
}
