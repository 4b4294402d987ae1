package dev.gate.signing;

import dev.gate.errors.GateException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/** ECDSA P-256 over SHA-256 with ASN.1 DER signatures, as cosign signs and verifies. */
public final class EcdsaSigner {

    private EcdsaSigner() {}

    public static byte[] sign(CosignKeyPair key, byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key.privateKey());
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw GateException.operational("cannot sign with the ECDSA key", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] payload, byte[] derSignature) {
        return verify("SHA256withECDSA", key, payload, derSignature);
    }

    /**
     * Verifies a signature given only the SHA-256 of the signed bytes, as a sigstore bundle's
     * {@code messageDigest} carries it: ECDSA signs the hash, so the hash is all that is needed.
     */
    public static boolean verifyDigest(PublicKey key, byte[] sha256, byte[] derSignature) {
        return verify("NONEwithECDSA", key, sha256, derSignature);
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] derSignature) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(derSignature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Hex SHA-256 of the DER public key: a stable key id to print, never secret. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
