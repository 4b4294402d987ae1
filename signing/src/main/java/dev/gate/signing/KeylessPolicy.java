package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/** Whom keyless material must come from: a trusted root, and the certificate identity and OIDC issuer. */
public record KeylessPolicy(KeylessBundleVerifier verifier, Expected identity, Expected issuer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public KeylessPolicy {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
    }

    public KeylessPolicy(KeylessBundleVerifier verifier, String identity, String issuer) {
        this(verifier, Expected.exactly(identity), Expected.exactly(issuer));
    }

    /** Whether the certificate states the trusted identity and issuer (its chain and signature are not checked here). */
    boolean trusts(java.security.cert.X509Certificate certificate) {
        return new CertificateSigner(identity, issuer).test(certificate);
    }

    /** See {@link TrustedKeys#openKeyless}. */
    TrustedKeys.Opened open(byte[] bundle, Digest image, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bundle);
        } catch (IOException e) {
            throw GateException.input(where + ": sigstore bundle is not JSON");
        }
        if (root == null || !root.path("dsseEnvelope").isObject()) {
            return null;
        }
        JsonNode material = root.path("verificationMaterial");
        if (!(material.has("certificate") || material.has("x509CertificateChain"))
                || !trusts(CertificateSigner.leaf(material, where))) {
            return null;
        }
        Signer signer =
                verifiedSigner(HexFormat.of().parseHex(image.hex()), new String(bundle, StandardCharsets.UTF_8), where);
        Dsse.requireInToto(root.path("dsseEnvelope"), where);
        try {
            return new TrustedKeys.Opened(
                    Base64.getDecoder()
                            .decode(root.path("dsseEnvelope").path("payload").asText()),
                    signer);
        } catch (IllegalArgumentException e) {
            throw GateException.input(where + ": DSSE payload is not base64");
        }
    }

    /** The signer when the bundle verifies for {@code artifactDigest}; else a {@link RejectedClaim} saying why not. */
    Signer verifiedSigner(byte[] artifactDigest, String bundleJson, String where) {
        KeylessBundleVerifier.Checked checked = verifier.check(artifactDigest, bundleJson, identity, issuer, where);
        if (checked instanceof KeylessBundleVerifier.Verified verified) {
            return verified.signer();
        }
        throw new RejectedClaim(((KeylessBundleVerifier.Refused) checked).problem());
    }
}
