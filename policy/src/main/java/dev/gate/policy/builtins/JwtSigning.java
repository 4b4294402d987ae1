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
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** io.jwt.encode_sign and io.jwt.encode_sign_raw: compact JWS signed with a JWK (oct, RSA or EC private key). */
final class JwtSigning {
    static final BuiltinDeclaration ENCODE_SIGN = BuiltinDeclaration.of("io.jwt.encode_sign", "string",
            "Signs a payload object with a header object (its alg chooses the algorithm) and a JWK object.", "object", "object", "object");
    static final BuiltinDeclaration ENCODE_SIGN_RAW = BuiltinDeclaration.of("io.jwt.encode_sign_raw", "string",
            "Signs a payload JSON text with a header JSON text and a JWK JSON text.", "string", "string", "string");

    private static final List<String> ALGORITHMS = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "none");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private JwtSigning() {}

    static void register(BuiltinRegistry r) {
        r.add(ENCODE_SIGN, (ctx, args) -> {
            String name = ENCODE_SIGN.name();
            ObjectValue header = Operands.object(name, args, 1);
            ObjectValue payload = Operands.object(name, args, 2);
            ObjectValue key = Operands.object(name, args, 3);
            return Values.str(sign(name, GoJsonText.write(header), GoJsonText.write(payload), JsonValues.toJson(key), header));
        });
        r.add(ENCODE_SIGN_RAW, (ctx, args) -> {
            String name = ENCODE_SIGN_RAW.name();
            String header = Operands.string(name, args, 1);
            String payload = Operands.string(name, args, 2);
            JsonNode headerJson = Json.parse(header);
            JsonNode key = Json.parse(Operands.string(name, args, 3));
            if (headerJson == null) throw BuiltinException.builtin(name, Json.syntaxError(header));
            if (!headerJson.isObject()) throw BuiltinException.builtin(name, "header is not a JSON object");
            if (key == null || !key.isObject()) throw BuiltinException.builtin(name, "key is not a JSON object");
            return Values.str(sign(name, header, payload, key, JsonValues.fromJson(headerJson)));
        });
    }

    private static String sign(String name, String header, String payload, JsonNode jwk, Value headerValue) {
        Value algValue = ((ObjectValue) headerValue).get("alg");
        String alg = algValue instanceof dev.gate.policy.value.StringValue s ? s.value() : "";
        Value typ = ((ObjectValue) headerValue).get("typ");
        boolean jwt = typ == null || typ.equals(Values.str("")) || typ.equals(Values.str("JWT"));
        // A header without an algorithm fails where OPA creates the signer; a named but unknown one before that.
        if (alg.isEmpty()) throw BuiltinException.builtin(name, "failed to create signer: unsupported signature algorithm ");
        if (!ALGORITHMS.contains(alg)) throw BuiltinException.builtin(name, "unknown signature algorithm");
        if (jwt && Json.parse(payload) == null) throw BuiltinException.builtin(name, "type is JWT but payload is not JSON");
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        try {
            return input + "." + URL.encodeToString(signature(name, alg, jwk, data));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.builtin(name, "failed to sign: " + e.getMessage());
        }
    }

    private static byte[] signature(String name, String alg, JsonNode jwk, byte[] data) throws GeneralSecurityException {
        if (alg.equals("none")) return new byte[0];
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
                s.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), Integer.parseInt(bits) / 8, 1));
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
            return rsa.generatePrivate(new RSAPrivateCrtKeySpec(number(k, "n"), number(k, "e"), number(k, "d"),
                    number(k, "p"), number(k, "q"), number(k, "dp"), number(k, "dq"), number(k, "qi")));
        }
        return rsa.generatePrivate(new RSAPrivateKeySpec(number(k, "n"), number(k, "d")));
    }

    private static PrivateKey ecKey(JsonNode k) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(number(k, "d"), JwtKeys.curve(k)));
    }

    private static byte[] bytes(JsonNode k, String field) throws GeneralSecurityException {
        if (!k.path(field).isTextual()) throw new GeneralSecurityException("key has no \"" + field + "\"");
        return Base64.getUrlDecoder().decode(k.path(field).asText().replace("=", ""));
    }

    private static BigInteger number(JsonNode k, String field) throws GeneralSecurityException {
        return new BigInteger(1, bytes(k, field));
    }
}
