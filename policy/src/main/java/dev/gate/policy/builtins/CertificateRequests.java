package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoEncodings;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * crypto.x509.parse_certificate_request: a PKCS#10 request (PEM, or base64 of PEM or DER) to an object with the field
 * names Go's x509.CertificateRequest marshals to (Subject, PublicKeyAlgorithm, RawSubject ...). The signature is not
 * checked, as Go's parser does not check it either.
 */
final class CertificateRequests {
    static final BuiltinDeclaration PARSE_CERTIFICATE_REQUEST = BuiltinDeclaration.of(
            "crypto.x509.parse_certificate_request",
            "object",
            "Parses a PKCS#10 certificate signing request (PEM or base64 DER).",
            "string");
    private static final String NAME = PARSE_CERTIFICATE_REQUEST.name();
    private static final String PEM_HEADER = "-----BEGIN CERTIFICATE REQUEST-----";

    private CertificateRequests() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE_CERTIFICATE_REQUEST, (ctx, args) -> parse(Operands.string(NAME, args, 1)));
    }

    private static Value parse(String input) {
        byte[] data = input.startsWith(PEM_HEADER)
                ? input.getBytes(StandardCharsets.UTF_8)
                : Values.guard(NAME, () -> GoEncodings.base64Decode(input));
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (text.startsWith("-----BEGIN")) {
            if (!text.startsWith(PEM_HEADER))
                throw BuiltinException.builtin(NAME, "invalid PEM-encoded certificate signing request");
            int end = text.indexOf("-----END");
            data = Values.guard(
                    NAME,
                    () -> Base64.getMimeDecoder()
                            .decode(text.substring(PEM_HEADER.length(), end < 0 ? text.length() : end)));
        }
        try {
            return describe(data);
        } catch (RuntimeException | GeneralSecurityException e) {
            throw BuiltinException.builtin(NAME, "asn1: structure error: malformed certificate request");
        }
    }

    private static Value describe(byte[] der) throws GeneralSecurityException {
        Der request = Der.at(der, 0);
        Der info = Der.at(der, request.contentStart());
        Der version = Der.at(der, info.contentStart());
        Der subject = Der.at(der, version.end());
        Der keyInfo = Der.at(der, subject.end());
        Der algorithm = Der.at(der, info.end());
        Der signature = Der.at(der, algorithm.end());
        byte[] keyBytes = keyInfo.bytes(der);
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("Raw", X509Certificates.bytes(Arrays.copyOfRange(der, 0, request.end())));
        m.put("RawTBSCertificateRequest", X509Certificates.bytes(info.bytes(der)));
        m.put("RawSubjectPublicKeyInfo", X509Certificates.bytes(keyBytes));
        m.put("RawSubject", X509Certificates.bytes(subject.bytes(der)));
        m.put("Version", NumberValue.of(der[version.contentStart()]));
        m.put(
                "Signature",
                X509Certificates.bytes(Arrays.copyOfRange(der, signature.contentStart() + 1, signature.end())));
        m.put("PublicKeyAlgorithm", NumberValue.of(publicKeyAlgorithm(keyBytes)));
        m.put("Subject", X509Certificates.name(new X500Principal(subject.bytes(der))));
        m.put("DNSNames", NullValue.NULL);
        m.put("EmailAddresses", NullValue.NULL);
        m.put("IPAddresses", NullValue.NULL);
        m.put("URIs", NullValue.NULL);
        return ObjectValue.ofStrings(m);
    }

    /** Go's PublicKeyAlgorithm numbering: RSA 1, DSA 2, ECDSA 3, Ed25519 4; 0 when unknown. */
    private static int publicKeyAlgorithm(byte[] spki) {
        String[] algorithms = {"RSA", "DSA", "EC", "Ed25519"};
        for (int i = 0; i < algorithms.length; i++) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithms[i]).generatePublic(new X509EncodedKeySpec(spki));
                if (key != null) return i + 1;
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        return 0;
    }

    /** One DER element: where it starts, where its content starts, and where it ends. */
    private record Der(int start, int contentStart, int end) {
        static Der at(byte[] b, int pos) {
            int lengthByte = b[pos + 1] & 0xff;
            int length;
            int content;
            if (lengthByte < 0x80) {
                length = lengthByte;
                content = pos + 2;
            } else {
                int n = lengthByte & 0x7f;
                if (n == 0 || n > 3) throw new IllegalArgumentException("unsupported DER length");
                length = 0;
                for (int i = 0; i < n; i++) length = (length << 8) | (b[pos + 2 + i] & 0xff);
                content = pos + 2 + n;
            }
            if (content + length > b.length) throw new IllegalArgumentException("truncated DER");
            return new Der(pos, content, content + length);
        }

        byte[] bytes(byte[] b) {
            return Arrays.copyOfRange(b, start, end);
        }
    }
}
