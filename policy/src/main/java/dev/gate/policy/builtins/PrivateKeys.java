package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoEncodings;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * crypto.x509.parse_rsa_private_key and crypto.parse_private_keys: PEM private keys (PKCS#1 "RSA PRIVATE KEY",
 * SEC 1 "EC PRIVATE KEY", PKCS#8 "PRIVATE KEY"), or base64 of such PEM, as JWK objects.
 */
final class PrivateKeys {
    static final BuiltinDeclaration PARSE_RSA_PRIVATE_KEY = BuiltinDeclaration.of(
            "crypto.x509.parse_rsa_private_key",
            "object",
            "Parses a PKCS#1 RSA private key (PEM, or base64 of PEM) into a JWK.",
            "string");
    static final BuiltinDeclaration PARSE_PRIVATE_KEYS = BuiltinDeclaration.of(
            "crypto.parse_private_keys",
            "array",
            "Parses every PEM private key (RSA, EC, PKCS#8) in a string, or base64 of it, into JWKs.",
            "string");

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PrivateKeys() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE_RSA_PRIVATE_KEY, (ctx, args) -> parseRsa(Operands.string(PARSE_RSA_PRIVATE_KEY.name(), args, 1)));
        r.add(PARSE_PRIVATE_KEYS, (ctx, args) -> parseAll(Operands.string(PARSE_PRIVATE_KEYS.name(), args, 1)));
    }

    private static String pemText(String name, String input) {
        if (input.startsWith("-----BEGIN")) return input;
        return new String(Values.guard(name, () -> GoEncodings.base64Decode(input)), StandardCharsets.UTF_8);
    }

    private static Value parseRsa(String input) {
        String name = PARSE_RSA_PRIVATE_KEY.name();
        Matcher m = PEM.matcher(pemText(name, input));
        if (!m.find()) throw BuiltinException.builtin(name, "failed to parse PEM block containing the key");
        if (m.group(1).equals("PRIVATE KEY")) {
            throw BuiltinException.builtin(
                    name, "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)");
        }
        if (m.group(1).equals("EC PRIVATE KEY")) {
            throw BuiltinException.builtin(
                    name, "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)");
        }
        return jwk(
                name,
                "RSA PRIVATE KEY",
                Values.guard(name, () -> Base64.getMimeDecoder().decode(m.group(2))));
    }

    private static Value parseAll(String input) {
        String name = PARSE_PRIVATE_KEYS.name();
        if (input.isEmpty()) return NullValue.NULL; // OPA documents null for an empty input
        Matcher m = PEM.matcher(pemText(name, input));
        List<Value> keys = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY"))
                keys.add(jwk(
                        name,
                        m.group(1),
                        Values.guard(name, () -> Base64.getMimeDecoder().decode(m.group(2)))));
        }
        return ArrayValue.of(keys);
    }

    private static Value jwk(String name, String type, byte[] der) {
        return describe(read(name, type, der));
    }

    /** A PEM block's key: type is the PEM label ("RSA PRIVATE KEY", "EC PRIVATE KEY" or "PRIVATE KEY"). */
    static PrivateKey read(String name, String type, byte[] der) {
        try {
            byte[] pkcs8 = switch (type) {
                case "RSA PRIVATE KEY" -> sequence(concat(hex("020100"), RSA_ALGORITHM, tlv(0x04, der)));
                case "EC PRIVATE KEY" ->
                    sequence(concat(hex("020100"), sequence(concat(EC_PUBLIC_KEY_OID, curveOid(der))), tlv(0x04, der)));
                default -> der;
            };
            for (String algorithm : new String[] {"RSA", "EC"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException tryNext) {
                    // the next algorithm may read it
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            // reported below
        }
        throw BuiltinException.builtin(name, "x509: failed to parse private key");
    }

    /** The first PEM private key block of a string (or base64 of one): {label, DER}; null when there is none. */
    static Object[] firstKeyBlock(String name, String input) {
        Matcher m = PEM.matcher(pemText(name, input));
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY")) {
                return new Object[] {
                    m.group(1), Values.guard(name, () -> Base64.getMimeDecoder().decode(m.group(2)))
                };
            }
        }
        return null;
    }

    private static Value describe(PrivateKey key) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (key instanceof RSAPrivateCrtKey k) {
            out.put("kty", StringValue.of("RSA"));
            put(out, "n", k.getModulus());
            put(out, "e", k.getPublicExponent());
            put(out, "d", k.getPrivateExponent());
            put(out, "p", k.getPrimeP());
            put(out, "q", k.getPrimeQ());
            put(out, "dp", k.getPrimeExponentP());
            put(out, "dq", k.getPrimeExponentQ());
            put(out, "qi", k.getCrtCoefficient());
        } else if (key instanceof ECPrivateKey k) {
            int size = (k.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            String curve = switch (size) {
                case 32 -> "P-256";
                case 48 -> "P-384";
                default -> "P-521";
            };
            ECPoint w = EcMath.publicPoint(k);
            out.put("kty", StringValue.of("EC"));
            out.put("crv", StringValue.of(curve));
            out.put("x", StringValue.of(base64(w.getAffineX(), size)));
            out.put("y", StringValue.of(base64(w.getAffineY(), size)));
            out.put("d", StringValue.of(base64(k.getS(), size)));
        } else {
            throw new IllegalArgumentException("unsupported key");
        }
        return ObjectValue.ofStrings(out);
    }

    private static void put(Map<String, Value> out, String field, BigInteger n) {
        out.put(field, StringValue.of(base64(n, 0)));
    }

    /** Unsigned big-endian, left-padded to size bytes when size is given (JWK EC coordinates are fixed length). */
    private static String base64(BigInteger n, int size) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
        if (b.length < size) {
            byte[] padded = new byte[size];
            System.arraycopy(b, 0, padded, size - b.length, b.length);
            b = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The named-curve OID inside a SEC 1 ECPrivateKey's [0] parameters. */
    private static byte[] curveOid(byte[] sec1) {
        for (int i = 0; i + 2 < sec1.length; i++) {
            if ((sec1[i] & 0xff) == 0xa0 && sec1[i + 2] == 0x06) {
                int length = sec1[i + 3] & 0xff;
                return Arrays.copyOfRange(sec1, i + 2, i + 4 + length);
            }
        }
        throw new IllegalArgumentException("no curve");
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 128) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
