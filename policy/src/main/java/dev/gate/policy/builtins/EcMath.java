package dev.gate.policy.builtins;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** The public point d·G of an EC private key, which the JCA does not expose; affine arithmetic over a prime field. */
final class EcMath {
    private static final BigInteger TWO = BigInteger.valueOf(2), THREE = BigInteger.valueOf(3);

    private EcMath() {}

    static ECPoint publicPoint(ECPrivateKey key) {
        ECParameterSpec spec = key.getParams();
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger a = spec.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = spec.getGenerator();
        BigInteger d = key.getS();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) result = add(result, addend, a, p);
            addend = add(addend, addend, a, p);
        }
        return result;
    }

    private static ECPoint add(ECPoint q, ECPoint r, BigInteger a, BigInteger p) {
        if (q.equals(ECPoint.POINT_INFINITY)) return r;
        if (r.equals(ECPoint.POINT_INFINITY)) return q;
        BigInteger slope;
        if (q.getAffineX().equals(r.getAffineX())) {
            if (!q.getAffineY().equals(r.getAffineY()) || q.getAffineY().signum() == 0) return ECPoint.POINT_INFINITY;
            slope = q.getAffineX()
                    .pow(2)
                    .multiply(THREE)
                    .add(a)
                    .multiply(q.getAffineY().multiply(TWO).modInverse(p))
                    .mod(p);
        } else {
            slope = r.getAffineY()
                    .subtract(q.getAffineY())
                    .multiply(r.getAffineX().subtract(q.getAffineX()).modInverse(p))
                    .mod(p);
        }
        BigInteger x =
                slope.pow(2).subtract(q.getAffineX()).subtract(r.getAffineX()).mod(p);
        BigInteger y = slope.multiply(q.getAffineX().subtract(x))
                .subtract(q.getAffineY())
                .mod(p);
        return new ECPoint(x, y);
    }
}
