package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.sigstore.VerificationOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Sigstore-java's Fulcio certificate matcher, remembering the identity and issuer of the certificate it accepted, so
 * that a verification matched by a regular expression still reports whom it trusted.
 */
final class CertificateSigner implements VerificationOptions.CertificateMatcher {

    /** Fulcio's OIDC issuer extensions: v2 (a DER UTF8String) and v1 (raw bytes). */
    private static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

    private static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

    private final VerificationOptions.CertificateMatcher fulcio;
    private volatile Signer signer;

    CertificateSigner(Expected identity, Expected issuer) {
        this.fulcio = VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(identity.matcher())
                .issuer(issuer.matcher())
                .build();
    }

    @Override
    public boolean test(X509Certificate certificate) {
        try {
            if (!fulcio.test(certificate)) {
                return false;
            }
        } catch (VerificationOptions.UncheckedCertificateException e) {
            return false;
        }
        signer = Signer.keyless(subjectAlternativeName(certificate), issuer(certificate));
        return true;
    }

    /** Sigstore-java names the matchers that refused a certificate by this text. */
    @Override
    public String toString() {
        return fulcio.toString();
    }

    Signer signer() {
        return signer;
    }

    /** The identity a certificate states, whether or not it is trusted. */
    static Signer stated(X509Certificate certificate) {
        return Signer.keyless(subjectAlternativeName(certificate), issuer(certificate));
    }

    /** The signing certificate of a bundle's verification material (v0.3 {@code certificate}, or a chain's first). */
    static X509Certificate leaf(JsonNode material, String where) {
        JsonNode raw = material.has("certificate")
                ? material.path("certificate").path("rawBytes")
                : material.path("x509CertificateChain")
                        .path("certificates")
                        .path(0)
                        .path("rawBytes");
        try {
            byte[] der = Base64.getDecoder().decode(raw.asText());
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw GateException.input(where + ": bundle certificate is not a readable X.509 certificate");
        }
    }

    private static String subjectAlternativeName(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null || names.isEmpty()
                    ? ""
                    : String.valueOf(names.iterator().next().get(1));
        } catch (CertificateParsingException e) {
            return "";
        }
    }

    private static String issuer(X509Certificate certificate) {
        try {
            byte[] v2 = certificate.getExtensionValue(ISSUER_V2);
            if (v2 != null) {
                return ((ASN1String) ASN1Primitive.fromByteArray(
                                ASN1OctetString.getInstance(v2).getOctets()))
                        .getString();
            }
            byte[] v1 = certificate.getExtensionValue(ISSUER_V1);
            return v1 == null ? "" : new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            // BouncyCastle reports malformed DER with several runtime exceptions; the certificate names no issuer then.
            return "";
        }
    }
}
