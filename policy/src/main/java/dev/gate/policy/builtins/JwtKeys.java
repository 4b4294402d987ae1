package dev.gate.policy.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The verification keys io.jwt.* accept: a PEM certificate, a PEM public key, or a JWK / JWK set (JSON text). */
final class JwtKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

    private JwtKeys() {}

    static List<PublicKey> parse(String name, String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) return fromJwks(name, trimmed);
            Matcher m = PEM.matcher(trimmed);
            if (!m.find()) throw BuiltinException.builtin(name, "failed to extract a Key from the PEM certificate");
            if (m.group(1).equals("CERTIFICATE")) {
                if (!trimmed.substring(m.end()).isBlank())
                    throw BuiltinException.builtin(name, "extra data after a PEM certificate block");
                return List.of(certificateKey(name, m.group(0)));
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PUBLIC KEY")) return List.of(publicKey(der));
            throw BuiltinException.builtin(name, "failed to extract a Key from the PEM certificate");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.builtin(name, "failed to parse a key: " + e.getMessage());
        }
    }

    private static PublicKey certificateKey(String name, String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
                    .getPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.builtin(name, "failed to parse a PEM certificate: " + e.getMessage());
        }
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static List<PublicKey> fromJwks(String name, String json) throws GeneralSecurityException {
        JsonNode node = Json.parse(json);
        if (node == null) throw BuiltinException.builtin(name, "failed to parse a JWK key (set)");
        List<PublicKey> keys = new ArrayList<>();
        try {
            if (node.has("keys")) {
                for (JsonNode k : node.get("keys")) keys.add(fromJwk(k));
            } else {
                keys.add(fromJwk(node));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.builtin(name, "failed to parse a JWK key (set): " + e.getMessage());
        }
        return keys;
    }

    private static PublicKey fromJwk(JsonNode k) throws GeneralSecurityException {
        String kty = k.path("kty").asText();
        if (kty.equals("RSA")) {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(
                            unsigned(k.path("n").asText()), unsigned(k.path("e").asText())));
        }
        if (kty.equals("EC")) {
            ECPoint point = new ECPoint(
                    unsigned(k.path("x").asText()), unsigned(k.path("y").asText()));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve(k)));
        }
        throw new GeneralSecurityException("unsupported key type " + kty);
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    /** The curve a JWK's {@code crv} names (P-256, P-384, P-521), as the JDK's key specs want it. */
    static ECParameterSpec curve(JsonNode k) throws GeneralSecurityException {
        String curve = switch (k.path("crv").asText()) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default ->
                throw new GeneralSecurityException(
                        "unsupported curve " + k.path("crv").asText());
        };
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        return params.getParameterSpec(ECParameterSpec.class);
    }
}
