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
        return verify(certs, at, null, List.of(SERVER_AUTH));
    }

    /**
     * With Go's VerifyOptions: dnsName (null: not checked) must be one of the leaf's DNS names (a "*." name covers
     * one label), and a leaf listing extended key usages must allow one of usages (an empty list allows any).
     */
    static List<X509Certificate> verify(List<X509Certificate> certs, Date at, String dnsName, List<String> usages) {
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
            if (!allows(leaf, usages) || dnsName != null && !namesHost(leaf, dnsName)) return null;
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(at);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
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

    private static boolean allows(X509Certificate leaf, List<String> wanted) throws GeneralSecurityException {
        List<String> usages = leaf.getExtendedKeyUsage();
        if (usages == null || wanted.isEmpty() || wanted.contains(ANY_USAGE) || usages.contains(ANY_USAGE)) return true;
        for (String w : wanted) if (usages.contains(w)) return true;
        return false;
    }

    private static boolean namesHost(X509Certificate leaf, String host) throws GeneralSecurityException {
        java.util.Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        if (names == null) return false;
        String wanted = host.toLowerCase(java.util.Locale.ROOT);
        for (List<?> name : names) {
            if (!Integer.valueOf(2).equals(name.get(0))) continue;
            String pattern = String.valueOf(name.get(1)).toLowerCase(java.util.Locale.ROOT);
            if (pattern.equals(wanted)) return true;
            if (pattern.startsWith("*.")
                    && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.')).equals(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** Go's ExtKeyUsage names as OPA's options spell them ("KeyUsageServerAuth") to their OIDs. */
    static String usageOid(String name) {
        return switch (name) {
            case "KeyUsageAny" -> ANY_USAGE;
            case "KeyUsageServerAuth" -> SERVER_AUTH;
            case "KeyUsageClientAuth" -> "1.3.6.1.5.5.7.3.2";
            case "KeyUsageCodeSigning" -> "1.3.6.1.5.5.7.3.3";
            case "KeyUsageEmailProtection" -> "1.3.6.1.5.5.7.3.4";
            case "KeyUsageIPSECEndSystem" -> "1.3.6.1.5.5.7.3.5";
            case "KeyUsageIPSECTunnel" -> "1.3.6.1.5.5.7.3.6";
            case "KeyUsageIPSECUser" -> "1.3.6.1.5.5.7.3.7";
            case "KeyUsageTimeStamping" -> "1.3.6.1.5.5.7.3.8";
            case "KeyUsageOCSPSigning" -> "1.3.6.1.5.5.7.3.9";
            default -> null;
        };
    }
}
