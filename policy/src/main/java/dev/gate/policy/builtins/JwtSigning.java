package dev.gate.policy.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** io.jwt.encode_sign and io.jwt.encode_sign_raw: compact JWS signed with a JWK (oct, RSA, EC or OKP Ed25519 private key). */
final class JwtSigning {
    static final BuiltinDeclaration ENCODE_SIGN = BuiltinDeclaration.of(
            "io.jwt.encode_sign",
            "string",
            "Signs a payload object with a header object (its alg chooses the algorithm) and a JWK object.",
            "object",
            "object",
            "object");
    static final BuiltinDeclaration ENCODE_SIGN_RAW = BuiltinDeclaration.of(
            "io.jwt.encode_sign_raw",
            "string",
            "Signs a payload JSON text with a header JSON text and a JWK JSON text.",
            "string",
            "string",
            "string");

    private static final List<String> ALGORITHMS = List.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "EdDSA");
    private static final String BAD_ALG = "missing or invalid 'alg' header: ";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private JwtSigning() {}

    static void register(BuiltinRegistry r) {
        r.add(ENCODE_SIGN, (ctx, args) -> {
            String name = ENCODE_SIGN.name();
            ObjectValue header = Operands.object(name, args, 1);
            ObjectValue payload = Operands.object(name, args, 2);
            ObjectValue key = Operands.object(name, args, 3);
            return Values.str(
                    sign(name, GoJsonText.write(header), GoJsonText.write(payload), JsonValues.toJson(key), header));
        });
        r.add(ENCODE_SIGN_RAW, (ctx, args) -> {
            String name = ENCODE_SIGN_RAW.name();
            String header = Operands.string(name, args, 1);
            String payload = Operands.string(name, args, 2);
            JsonNode key = Json.parse(Operands.string(name, args, 3));
            if (key == null || !key.isObject()) throw BuiltinException.builtin(name, "key is not a JSON object");
            return Values.str(sign(name, header, payload, key, headerObject(name, header)));
        });
    }

    /** The header text as an object, or OPA's error for a header it cannot read an algorithm from. */
    private static ObjectValue headerObject(String name, String header) {
        if (header.isBlank())
            throw BuiltinException.builtin(name, BAD_ALG + "cannot parse JSON: cannot parse empty string");
        JsonNode json = Json.parse(header);
        if (json == null && header.strip().startsWith("{"))
            throw BuiltinException.builtin(name, BAD_ALG + "cannot parse JSON");
        return json != null && json.isObject() ? (ObjectValue) JsonValues.fromJson(json) : ObjectValue.EMPTY;
    }

    private static String sign(String name, String header, String payload, JsonNode jwk, ObjectValue headerValue) {
        Value algValue = headerValue.get("alg");
        if (algValue == null) throw BuiltinException.builtin(name, BAD_ALG + "jwsbb: header \"alg\" not found");
        if (!(algValue instanceof dev.gate.policy.value.StringValue s)) {
            String what =
                    algValue instanceof dev.gate.policy.value.BooleanValue ? algValue.toString() : algValue.typeName();
            throw BuiltinException.builtin(name, BAD_ALG + "value doesn't contain string; it contains " + what);
        }
        String alg = s.value();
        Value typ = headerValue.get("typ");
        boolean jwt = typ == null || typ.equals(Values.str("")) || typ.equals(Values.str("JWT"));
        if (!ALGORITHMS.contains(alg)) throw BuiltinException.builtin(name, "unknown JWS algorithm: " + alg);
        if (jwt && Json.parse(payload) == null)
            throw BuiltinException.builtin(name, "type is JWT but payload is not JSON");
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        try {
            return input + "." + URL.encodeToString(signature(name, alg, jwk, data));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.builtin(name, "failed to sign: " + e.getMessage());
        }
    }

    private static byte[] signature(String name, String alg, JsonNode jwk, byte[] data)
            throws GeneralSecurityException {
        if (alg.equals("EdDSA")) return signWith(Signature.getInstance("Ed25519"), edKey(jwk), data);
        String bits = alg.substring(2);
        switch (alg.substring(0, 2)) {
            case "HS" -> {
                byte[] secret = bytes(jwk, "k");
                Mac mac = Mac.getInstance("HmacSHA" + bits);
                mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA" + bits));
                return mac.doFinal(data);
            }
            case "RS" -> {
                return signWith(Signature.getInstance("SHA" + bits + "withRSA"), rsaKey(jwk), data);
            }
            case "PS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                String digest = "SHA-" + bits;
                s.setParameter(new PSSParameterSpec(
                        digest, "MGF1", new MGF1ParameterSpec(digest), Integer.parseInt(bits) / 8, 1));
                return signWith(s, rsaKey(jwk), data);
            }
            default -> {
                return signWith(Signature.getInstance("SHA" + bits + "withECDSAinP1363Format"), ecKey(jwk), data);
            }
        }
    }

    private static byte[] signWith(Signature s, PrivateKey key, byte[] data) throws GeneralSecurityException {
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static PrivateKey rsaKey(JsonNode k) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (k.has("p") && k.has("q") && k.has("dp") && k.has("dq") && k.has("qi")) {
            return rsa.generatePrivate(new RSAPrivateCrtKeySpec(
                    number(k, "n"),
                    number(k, "e"),
                    number(k, "d"),
                    number(k, "p"),
                    number(k, "q"),
                    number(k, "dp"),
                    number(k, "dq"),
                    number(k, "qi")));
        }
        return rsa.generatePrivate(new RSAPrivateKeySpec(number(k, "n"), number(k, "d")));
    }

    private static PrivateKey ecKey(JsonNode k) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(number(k, "d"), JwtKeys.curve(k)));
    }

    /** An OKP key on Ed25519: {@code d} is the 32-byte private seed. */
    private static PrivateKey edKey(JsonNode k) throws GeneralSecurityException {
        if (!k.path("crv").asText().equals("Ed25519"))
            throw new GeneralSecurityException(
                    "unsupported curve " + k.path("crv").asText());
        return KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, bytes(k, "d")));
    }

    private static byte[] bytes(JsonNode k, String field) throws GeneralSecurityException {
        if (!k.path(field).isTextual()) throw new GeneralSecurityException("key has no \"" + field + "\"");
        return Base64.getUrlDecoder().decode(k.path(field).asText().replace("=", ""));
    }

    private static BigInteger number(JsonNode k, String field) throws GeneralSecurityException {
        return new BigInteger(1, bytes(k, field));
    }
}
