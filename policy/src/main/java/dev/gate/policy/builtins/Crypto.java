package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** crypto.md5/sha1/sha256, crypto.hmac.*, crypto.x509.parse_certificates and parse_and_verify_certificates. */
final class Crypto {
    static final BuiltinDeclaration MD5 =
            BuiltinDeclaration.of("crypto.md5", "string", "MD5 digest of a string, as hex.", "string");
    static final BuiltinDeclaration SHA1 =
            BuiltinDeclaration.of("crypto.sha1", "string", "SHA-1 digest of a string, as hex.", "string");
    static final BuiltinDeclaration SHA256 =
            BuiltinDeclaration.of("crypto.sha256", "string", "SHA-256 digest of a string, as hex.", "string");
    static final BuiltinDeclaration HMAC_MD5 = BuiltinDeclaration.of(
            "crypto.hmac.md5", "string", "HMAC-MD5 of a message with a key, as hex.", "string", "string");
    static final BuiltinDeclaration HMAC_SHA1 = BuiltinDeclaration.of(
            "crypto.hmac.sha1", "string", "HMAC-SHA1 of a message with a key, as hex.", "string", "string");
    static final BuiltinDeclaration HMAC_SHA256 = BuiltinDeclaration.of(
            "crypto.hmac.sha256", "string", "HMAC-SHA256 of a message with a key, as hex.", "string", "string");
    static final BuiltinDeclaration HMAC_SHA512 = BuiltinDeclaration.of(
            "crypto.hmac.sha512", "string", "HMAC-SHA512 of a message with a key, as hex.", "string", "string");
    static final BuiltinDeclaration HMAC_EQUAL = BuiltinDeclaration.of(
            "crypto.hmac.equal", "boolean", "Compares two MACs in constant time.", "string", "string");
    static final BuiltinDeclaration X509_PARSE_CERTIFICATES = BuiltinDeclaration.of(
            "crypto.x509.parse_certificates",
            "array",
            "Parses PEM or base64 DER certificates into objects shaped like Go's x509.Certificate.",
            "string");
    static final BuiltinDeclaration X509_PARSE_AND_VERIFY = BuiltinDeclaration.of(
            "crypto.x509.parse_and_verify_certificates",
            "array",
            "Verifies a chain given root first and leaf last: [true, the chain from leaf to root] or [false, []].",
            "string");
    static final BuiltinDeclaration X509_PARSE_AND_VERIFY_WITH_OPTIONS = BuiltinDeclaration.of(
            "crypto.x509.parse_and_verify_certificates_with_options",
            "array",
            "As parse_and_verify_certificates, with DNSName, CurrentTime (ns) and KeyUsages options.",
            "string",
            "object");

    private Crypto() {}

    static void register(BuiltinRegistry r) {
        digest(r, MD5, "MD5");
        digest(r, SHA1, "SHA-1");
        digest(r, SHA256, "SHA-256");
        hmac(r, HMAC_MD5, "HmacMD5");
        hmac(r, HMAC_SHA1, "HmacSHA1");
        hmac(r, HMAC_SHA256, "HmacSHA256");
        hmac(r, HMAC_SHA512, "HmacSHA512");
        r.add(
                HMAC_EQUAL,
                (ctx, args) -> Values.bool(MessageDigest.isEqual(
                        Operands.string("crypto.hmac.equal", args, 1).getBytes(StandardCharsets.UTF_8),
                        Operands.string("crypto.hmac.equal", args, 2).getBytes(StandardCharsets.UTF_8))));
        r.add(
                X509_PARSE_AND_VERIFY,
                (ctx, args) -> X509Certificates.parseAndVerify(
                        ctx, X509_PARSE_AND_VERIFY.name(), Operands.string(X509_PARSE_AND_VERIFY.name(), args, 1)));
        r.add(
                X509_PARSE_AND_VERIFY_WITH_OPTIONS,
                (ctx, args) -> X509Certificates.parseAndVerifyWithOptions(
                        ctx,
                        X509_PARSE_AND_VERIFY_WITH_OPTIONS.name(),
                        Operands.string(X509_PARSE_AND_VERIFY_WITH_OPTIONS.name(), args, 1),
                        Operands.object(X509_PARSE_AND_VERIFY_WITH_OPTIONS.name(), args, 2)));
        r.add(
                X509_PARSE_CERTIFICATES,
                (ctx, args) -> X509Certificates.parse(Operands.string(X509_PARSE_CERTIFICATES.name(), args, 1)));
    }

    private static void digest(BuiltinRegistry r, BuiltinDeclaration d, String algorithm) {
        r.add(d, (ctx, args) -> Values.str(Hashes.digestHex(algorithm, Operands.string(d.name(), args, 1))));
    }

    private static void hmac(BuiltinRegistry r, BuiltinDeclaration d, String algorithm) {
        r.add(
                d,
                (ctx, args) -> Values.str(Hashes.hmacHex(
                        algorithm, Operands.string(d.name(), args, 1), Operands.string(d.name(), args, 2))));
    }
}
