package dev.gate.policy.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.builtins.support.GoEncodings;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** io.jwt.decode, io.jwt.verify_* and io.jwt.decode_verify for JWS compact tokens (HS, RS, PS, ES and EdDSA). */
final class Jwt {
    static final BuiltinDeclaration DECODE = BuiltinDeclaration.of(
            "io.jwt.decode",
            "array",
            "Decodes a JWT without verifying it: [header, payload, signature as hex].",
            "string");
    static final BuiltinDeclaration DECODE_VERIFY = BuiltinDeclaration.of(
            "io.jwt.decode_verify",
            "array",
            "Verifies a JWT's signature and claims against constraints (cert, secret, alg, iss, aud, time): [valid, header, payload].",
            "string",
            "object");
    private static final List<String> ALGORITHMS = List.of(
            "hs256", "hs384", "hs512", "rs256", "rs384", "rs512", "ps256", "ps384", "ps512", "es256", "es384", "es512",
            "eddsa");
    /** io.jwt.verify_hs256 ... io.jwt.verify_eddsa, one per algorithm. */
    static final List<BuiltinDeclaration> VERIFY = ALGORITHMS.stream()
            .map(alg -> BuiltinDeclaration.of(
                    "io.jwt.verify_" + alg,
                    "boolean",
                    "Verifies a JWT's " + algorithmName(alg) + " signature with "
                            + (alg.startsWith("hs")
                                    ? "a shared secret."
                                    : "a PEM certificate, PEM public key or JWK set."),
                    "string",
                    "string"))
            .toList();

    private Jwt() {}

    static void register(BuiltinRegistry r) {
        r.add(DECODE, (ctx, args) -> decode(args));
        r.add(DECODE_VERIFY, (ctx, args) -> decodeVerify(ctx, args));
        for (BuiltinDeclaration d : VERIFY) {
            String alg = algorithmName(d.name().substring("io.jwt.verify_".length()));
            r.add(d, (ctx, args) -> {
                Token t = Token.parse(d.name(), Operands.string(d.name(), args, 1));
                String key = Operands.string(d.name(), args, 2);
                return BooleanValue.of(verifies(d.name(), t, alg, key, key));
            });
        }
    }

    private static String algorithmName(String lower) {
        return lower.equals("eddsa") ? "EdDSA" : lower.toUpperCase();
    }

    /** The three base64url sections of a compact JWS. */
    private record Token(String header, String payload, String signature) {
        static Token parse(String name, String jwt) {
            if (jwt.indexOf('.') < 0) throw BuiltinException.builtin(name, "encoded JWT had no period separators");
            String[] parts = jwt.split("\\.", -1);
            if (parts.length != 3)
                throw BuiltinException.builtin(name, "encoded JWT must have 3 sections, found " + parts.length);
            return new Token(parts[0], parts[1], parts[2]);
        }

        byte[] signingInput() {
            return (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        }

        JsonNode json(String name, String section, String what) {
            byte[] bytes = decoded(name, section, what);
            JsonNode node = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject())
                throw BuiltinException.builtin(name, "JWT " + what + " had invalid encoding: not a JSON object");
            return node;
        }

        byte[] signatureBytes(String name) {
            return decoded(name, signature, "signature");
        }

        private static byte[] decoded(String name, String section, String what) {
            try {
                return GoEncodings.base64UrlDecode(section);
            } catch (IllegalArgumentException e) {
                throw BuiltinException.builtin(name, "JWT " + what + " had invalid encoding: " + e.getMessage());
            }
        }
    }

    private static Value decode(List<Value> args) {
        String name = DECODE.name();
        Token t = Token.parse(name, Operands.string(name, args, 1));
        JsonNode header = t.json(name, t.header(), "header");
        while (isNested(name, header)) {
            t = inner(name, t);
            header = t.json(name, t.header(), "header");
        }
        JsonNode payload = t.json(name, t.payload(), "payload");
        return ArrayValue.of(
                JsonValues.fromJson(header),
                JsonValues.fromJson(payload),
                StringValue.of(HexFormat.of().formatHex(t.signatureBytes(name))));
    }

    /** A header with {@code cty: JWT} signs another token carried as the payload; encrypted tokens (JWE) are refused. */
    private static boolean isNested(String name, JsonNode header) {
        if (header.has("enc")) throw BuiltinException.builtin(name, "JWT is a JWE object, which is not supported");
        return header.path("cty").asText("").equalsIgnoreCase("JWT");
    }

    /** The token a nested token's payload carries, as a JSON string or as plain text. */
    private static Token inner(String name, Token outer) {
        String text = new String(GoEncodings.base64UrlDecode(outer.payload()), StandardCharsets.UTF_8).strip();
        if (text.startsWith("\"")) {
            JsonNode quoted = Json.parse(text);
            if (quoted != null && quoted.isTextual()) text = quoted.asText();
        }
        return Token.parse(name, text);
    }

    private static boolean verifies(String name, Token t, String alg, String secret, String keys) {
        byte[] signature = t.signatureBytes(name);
        try {
            if (alg.startsWith("HS")) {
                if (secret == null) return false;
                String jca = "HmacSHA" + alg.substring(2);
                Mac mac = Mac.getInstance(jca);
                mac.init(new SecretKeySpec(
                        secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8), jca));
                return MessageDigest.isEqual(mac.doFinal(t.signingInput()), signature);
            }
            if (keys == null) return false;
            for (PublicKey key : JwtKeys.parse(name, keys)) {
                if (verifiesWith(alg, key, t.signingInput(), signature)) return true;
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean verifiesWith(String alg, PublicKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier;
        byte[] sig = signature;
        switch (alg.substring(0, 2)) {
            case "RS" -> verifier = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
            case "PS" -> {
                verifier = Signature.getInstance("RSASSA-PSS");
                int bits = Integer.parseInt(alg.substring(2));
                String digest = "SHA-" + bits;
                verifier.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits / 8, 1));
            }
            case "ES" -> {
                if (!(key instanceof ECPublicKey)) return false;
                verifier = Signature.getInstance("SHA" + alg.substring(2) + "withECDSA");
                sig = derSignature(signature);
                if (sig == null) return false;
            }
            case "Ed" -> verifier = Signature.getInstance("Ed25519");
            default -> {
                return false;
            }
        }
        try {
            verifier.initVerify(key);
        } catch (GeneralSecurityException wrongKeyType) {
            return false;
        }
        verifier.update(input);
        try {
            return verifier.verify(sig);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    /** JWS writes ECDSA signatures as r and s side by side; the JCA wants them DER-encoded. */
    private static byte[] derSignature(byte[] raw) {
        if (raw.length == 0 || raw.length % 2 != 0) return null;
        int half = raw.length / 2;
        byte[] r = derInteger(java.util.Arrays.copyOfRange(raw, 0, half));
        byte[] s = derInteger(java.util.Arrays.copyOfRange(raw, half, raw.length));
        int length = r.length + s.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        if (length >= 128) out.write(0x81);
        out.write(length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] derInteger(byte[] unsigned) {
        byte[] value = new java.math.BigInteger(1, unsigned).toByteArray();
        byte[] out = new byte[value.length + 2];
        out[0] = 0x02;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static Value decodeVerify(BuiltinContext ctx, List<Value> args) {
        String name = DECODE_VERIFY.name();
        Token t = Token.parse(name, Operands.string(name, args, 1));
        ObjectValue constraints = Operands.object(name, args, 2);
        String cert = null, secret = null, alg = null, iss = null, aud = null;
        BigDecimal time = BigDecimal.valueOf(Times.nanos(ctx.now()));
        for (Map.Entry<Value, Value> e : constraints.entries().entrySet()) {
            String key =
                    e.getKey() instanceof StringValue s ? s.value() : e.getKey().toJson();
            Value v = e.getValue();
            switch (key) {
                case "cert" -> cert = constraintString(name, key, v);
                case "secret" -> secret = constraintString(name, key, v);
                case "alg" -> alg = constraintString(name, key, v);
                case "iss" -> iss = constraintString(name, key, v);
                case "aud" -> aud = constraintString(name, key, v);
                case "time" -> {
                    if (!(v instanceof NumberValue n))
                        throw BuiltinException.builtin(name, "time constraint: must be a number");
                    time = n.decimal();
                }
                default -> throw BuiltinException.builtin(name, "unknown token validation constraint: " + key);
            }
        }
        if (cert != null && secret != null) throw BuiltinException.builtin(name, "duplicate key constraints");
        if (cert == null && secret == null) throw BuiltinException.builtin(name, "no key constraint");
        Value invalid = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
        JsonNode header = t.json(name, t.header(), "header");
        // Every level of a nested token must verify with the key; the claims are those of the innermost.
        while (true) {
            String headerAlg = header.path("alg").asText("");
            if (alg != null && !alg.equals(headerAlg)) return invalid;
            if (!List.of(
                            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                            "ES384", "ES512", "EdDSA")
                    .contains(headerAlg)) {
                return invalid;
            }
            // No critical header extension is understood, so a token that names one does not verify.
            if (header.has("crit")) return invalid;
            if (!verifies(name, t, headerAlg, secret, cert)) return invalid;
            if (!isNested(name, header)) break;
            t = inner(name, t);
            header = t.json(name, t.header(), "header");
        }
        JsonNode payload = t.json(name, t.payload(), "payload");
        if (!claimsHold(name, payload, time, iss, aud)) return invalid;
        return ArrayValue.of(BooleanValue.TRUE, JsonValues.fromJson(header), JsonValues.fromJson(payload));
    }

    private static String constraintString(String name, String key, Value v) {
        if (v instanceof StringValue s) return s.value();
        throw BuiltinException.builtin(name, key + " constraint: must be a string");
    }

    /** exp and nbf are seconds compared to the time in nanoseconds; iss must match; aud must be named when present. */
    private static boolean claimsHold(String name, JsonNode payload, BigDecimal timeNanos, String iss, String aud) {
        BigDecimal billion = BigDecimal.valueOf(1_000_000_000L);
        JsonNode exp = payload.get("exp");
        if (exp != null && !exp.isNumber()) throw BuiltinException.builtin(name, "exp value must be a number");
        if (exp != null && timeNanos.compareTo(exp.decimalValue().multiply(billion)) >= 0) return false;
        JsonNode nbf = payload.get("nbf");
        if (nbf != null && !nbf.isNumber()) throw BuiltinException.builtin(name, "nbf value must be a number");
        if (nbf != null && timeNanos.compareTo(nbf.decimalValue().multiply(billion)) < 0) return false;
        if (iss != null && !iss.equals(payload.path("iss").asText(null))) return false;
        JsonNode audience = payload.get("aud");
        if (audience == null) return aud == null;
        if (aud == null) return false;
        if (audience.isTextual()) return audience.asText().equals(aud);
        if (audience.isArray()) {
            for (JsonNode a : audience) if (a.isTextual() && a.asText().equals(aud)) return true;
        }
        return false;
    }
}
