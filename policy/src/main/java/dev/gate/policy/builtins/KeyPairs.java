package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * crypto.x509.parse_keypair: a certificate chain and its private key, checked to belong together as Go's
 * tls.X509KeyPair does, as an object shaped like tls.Certificate (Certificate as base64 DER, PrivateKey, Leaf).
 */
final class KeyPairs {
    static final BuiltinDeclaration PARSE_KEYPAIR = BuiltinDeclaration.of(
            "crypto.x509.parse_keypair",
            "object",
            "Parses a PEM certificate chain and its private key (or base64 of them) into a TLS key pair.",
            "string",
            "string");
    private static final String NAME = PARSE_KEYPAIR.name();

    private KeyPairs() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE_KEYPAIR, (ctx, args) -> parse(Operands.string(NAME, args, 1), Operands.string(NAME, args, 2)));
    }

    private static Value parse(String certs, String key) {
        List<X509Certificate> chain;
        try {
            chain = X509Certificates.read(NAME, certs);
        } catch (BuiltinException e) {
            throw BuiltinException.builtin(NAME, "tls: failed to find any PEM data in certificate input");
        }
        Object[] block = PrivateKeys.firstKeyBlock(NAME, key);
        if (block == null) throw BuiltinException.builtin(NAME, "tls: failed to find any PEM data in key input");
        PrivateKey privateKey = PrivateKeys.read(NAME, (String) block[0], (byte[]) block[1]);
        if (!matches(chain.get(0).getPublicKey(), privateKey)) {
            throw BuiltinException.builtin(NAME, "tls: private key does not match public key");
        }
        List<Value> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                der.add(StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw BuiltinException.builtin(NAME, "x509: malformed certificate");
            }
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("Certificate", ArrayValue.of(der));
        out.put("PrivateKey", privateKeyFields(privateKey));
        out.put("SupportedSignatureAlgorithms", NullValue.NULL);
        out.put("OCSPStaple", NullValue.NULL);
        out.put("SignedCertificateTimestamps", NullValue.NULL);
        out.put("Leaf", ((ArrayValue) X509Certificates.parse(certs)).get(0));
        return ObjectValue.ofStrings(out);
    }

    private static boolean matches(PublicKey pub, PrivateKey key) {
        if (pub instanceof RSAPublicKey p && key instanceof RSAPrivateCrtKey k) {
            return p.getModulus().equals(k.getModulus())
                    && p.getPublicExponent().equals(k.getPublicExponent());
        }
        if (pub instanceof ECPublicKey p && key instanceof ECPrivateKey k)
            return p.getW().equals(EcMath.publicPoint(k));
        return false;
    }

    /** The fields Go's rsa.PrivateKey and ecdsa.PrivateKey marshal to, numbers as numbers. */
    private static Value privateKeyFields(PrivateKey key) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (key instanceof RSAPrivateCrtKey k) {
            out.put("N", NumberValue.of(k.getModulus()));
            out.put("E", NumberValue.of(k.getPublicExponent()));
            out.put("D", NumberValue.of(k.getPrivateExponent()));
            out.put("Primes", ArrayValue.of(NumberValue.of(k.getPrimeP()), NumberValue.of(k.getPrimeQ())));
            out.put(
                    "Precomputed",
                    ObjectValue.ofStrings(Map.of(
                            "Dp",
                            NumberValue.of(k.getPrimeExponentP()),
                            "Dq",
                            NumberValue.of(k.getPrimeExponentQ()),
                            "Qinv",
                            NumberValue.of(k.getCrtCoefficient()))));
        } else if (key instanceof ECPrivateKey k) {
            java.security.spec.ECPoint w = EcMath.publicPoint(k);
            out.put("X", NumberValue.of(w.getAffineX()));
            out.put("Y", NumberValue.of(w.getAffineY()));
            out.put("D", NumberValue.of(k.getS()));
        }
        return ObjectValue.ofStrings(out);
    }
}
