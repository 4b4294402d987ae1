package dev.gate.policy.builtins;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Chain verification as Go's x509 Verify does it for OPA: the root is trusted, intermediates are linked by
 * issuer name and signature, validity is checked at one instant, no revocation, and a leaf that lists extended key
 * usages must allow server authentication (Go's default).
 */
final class X509Chains {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private X509Chains() {}

    /** The chain from leaf to root, or null when it does not verify. certs: root first, leaf last. */
    static List<X509Certificate> verify(List<X509Certificate> certs, Date at) {
        if (certs.size() < 2) return null;
        X509Certificate root = certs.get(0);
        X509Certificate leaf = certs.get(certs.size() - 1);
        List<X509Certificate> intermediates = new ArrayList<>(certs.subList(1, certs.size() - 1));
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!signedBy(current, root)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : intermediates) {
                if (signedBy(current, candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) return null;
            intermediates.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        try {
            if (!allowsServerAuth(leaf)) return null;
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(at);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            root.checkValidity(at);
        } catch (GeneralSecurityException e) {
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>(path);
        chain.add(root);
        return chain;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) return false;
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean allowsServerAuth(X509Certificate leaf) throws GeneralSecurityException {
        List<String> usages = leaf.getExtendedKeyUsage();
        return usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_USAGE);
    }
}
