package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.PublicKey;
import java.util.List;

/**
 * The public keys a verification trusts (a build key and a release key, or the keys before and after a rotation): a
 * claim verifies when any one of them verifies it, and names the key that did.
 */
public final class TrustedKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PublicKey> keys;

    private TrustedKeys(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static TrustedKeys of(List<PublicKey> keys) {
        return new TrustedKeys(keys);
    }

    public static TrustedKeys none() {
        return new TrustedKeys(List.of());
    }

    /** {@code key} null: no key trusted. */
    public static TrustedKeys of(PublicKey key) {
        return new TrustedKeys(key == null ? List.of() : List.of(key));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public List<String> keyIds() {
        return keys.stream().map(EcdsaSigner::keyId).toList();
    }

    /** The key whose signature over {@code payload} this is, or null when none of them made it. */
    Signer signerOf(byte[] payload, byte[] signature) {
        return keys.stream().filter(k -> EcdsaSigner.verify(k, payload, signature)).findFirst().map(Signer::key).orElse(null);
    }

    /** As {@link #signerOf}, for a signature over a SHA-256 digest already computed. */
    Signer signerOfDigest(byte[] digest, byte[] signature) {
        return keys.stream().filter(k -> EcdsaSigner.verifyDigest(k, digest, signature)).findFirst().map(Signer::key)
                .orElse(null);
    }

    /** A DSSE envelope's payload with the trusted key that signed it; null when none did. */
    public Opened open(byte[] envelope, String where) {
        for (PublicKey key : keys) {
            byte[] payload = Dsse.verify(envelope, key, where);
            if (payload != null) {
                return new Opened(payload, Signer.key(key));
            }
        }
        return null;
    }

    /** A verified payload and who signed it. */
    public record Opened(byte[] payload, Signer signer) {
    }

    /** The key id a DSSE envelope's signatures name ({@code keyid}), or null: cosign leaves it empty. */
    static String namedKeyId(byte[] envelope) {
        try {
            return namedKeyId(JSON.readTree(envelope));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String namedKeyId(JsonNode envelope) {
        for (JsonNode signature : envelope.path("signatures")) {
            String id = signature.path("keyid").asText();
            if (!id.isEmpty()) {
                return id;
            }
        }
        return null;
    }
}
