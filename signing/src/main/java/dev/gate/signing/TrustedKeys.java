package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom a verification trusts: public keys (a build key and a release key, or the keys before and after a rotation) and,
 * keyless, a trusted root with the certificate identity and issuer expected. A claim verifies when any one of them
 * verifies it, and names the key or identity that did.
 */
public final class TrustedKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PublicKey> keys;
    private final KeylessPolicy identity;

    private TrustedKeys(List<PublicKey> keys, KeylessPolicy identity) {
        this.keys = List.copyOf(keys);
        this.identity = identity;
    }

    private TrustedKeys(List<PublicKey> keys) {
        this(keys, null);
    }

    /** These keys, and keyless material of {@code identity} too (null: no keyless trust). */
    public TrustedKeys withIdentity(KeylessPolicy identity) {
        return new TrustedKeys(keys, identity);
    }

    /** The keyless identity trusted, or null. */
    public KeylessPolicy identity() {
        return identity;
    }

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /**
     * Who is trusted, for a fingerprint of what an audit checked with: each key id and the keyless identity expected
     * (the trusted root's file is named, not read again: an audit that trusts another root names another file).
     */
    public List<String> described() {
        List<String> all =
                new ArrayList<>(keyIds().stream().map(id -> "key " + id).toList());
        if (identity != null) {
            all.add("identity " + identity.identity() + " issuer " + identity.issuer() + " root "
                    + identity.verifier().trustedRoot());
        }
        return all;
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

    /** Nothing is trusted: no key, no keyless identity. */
    public boolean isEmpty() {
        return keys.isEmpty() && identity == null;
    }

    public List<String> keyIds() {
        return keys.stream().map(EcdsaSigner::keyId).toList();
    }

    /** The key whose signature over {@code payload} this is, or null when none of them made it. */
    Signer signerOf(byte[] payload, byte[] signature) {
        return keys.stream()
                .filter(k -> EcdsaSigner.verify(k, payload, signature))
                .findFirst()
                .map(Signer::key)
                .orElse(null);
    }

    /** As {@link #signerOf}, for a signature over a SHA-256 digest already computed. */
    Signer signerOfDigest(byte[] digest, byte[] signature) {
        return keys.stream()
                .filter(k -> EcdsaSigner.verifyDigest(k, digest, signature))
                .findFirst()
                .map(Signer::key)
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

    /**
     * The in-toto statement of a keyless DSSE bundle when its certificate names the trusted identity and it verifies for
     * {@code image} (chain, transparency log, signature, the image among the statement's subjects); null when the
     * certificate names someone else or no identity is trusted: another signer's claim. A bundle of the trusted
     * identity that does not verify is an error (GateException), as a claim of a trusted key that does not hold.
     */
    public Opened openKeyless(byte[] bundle, dev.gate.image.Digest image, String where) {
        return identity == null ? null : identity.open(bundle, image, where);
    }

    /** A verified payload and who signed it. */
    public record Opened(byte[] payload, Signer signer) {}

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
