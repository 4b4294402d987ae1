package dev.gate.signing.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/** Derives the public key of an ECDSA P-256 private key (PKCS#8 in cosign files carries none reliably). */
final class PublicKeys {

    private PublicKeys() {
    }

    static PublicKey derive(ECPrivateKey privateKey) throws GeneralSecurityException {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
        BigInteger s = privateKey.getS();
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(s).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, privateKey.getParams()));
    }
}
