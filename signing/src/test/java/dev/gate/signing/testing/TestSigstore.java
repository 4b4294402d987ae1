package dev.gate.signing.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.signing.KeylessSigning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A sigstore instance of the test's own, for offline tests: a certificate authority in Fulcio's place (leaf
 * certificates naming an identity and an OIDC issuer, with an SCT from a test certificate-transparency log embedded as
 * Fulcio embeds it) and a transparency log in Rekor's place (each entry alone in its tree: inclusion proof, signed
 * checkpoint and signed entry timestamp), all trusted by a throwaway {@code trusted_root.json}. Its bundles have the
 * shape public-good gives, and sigstore-java verifies them offline; a trusted root without these keys refuses them.
 */
public final class TestSigstore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULCIO_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    private static final String FULCIO_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    private static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";
    private static final String REKOR_HOST = "rekor.test.invalid";

    private final Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
    private final KeyPair ca = ecKey();
    private final X509Certificate caCertificate = caCertificate();
    private final KeyPair ctLog = ecKey();
    private final KeyPair tlog = ecKey();
    private long nextIndex;

    /** The trusted root that trusts this instance, written to {@code file}. */
    public Path writeTrustedRoot(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        root.putArray("tlogs").add(log("https://" + REKOR_HOST, tlog));
        ObjectNode authority = root.putArray("certificateAuthorities").addObject();
        authority.putObject("subject").put("organization", "gate-test").put("commonName", "gate-test-fulcio");
        authority.put("uri", "https://fulcio.test.invalid");
        authority
                .putObject("certChain")
                .putArray("certificates")
                .addObject()
                .put("rawBytes", base64(encoded(caCertificate)));
        authority.putObject("validFor").put("start", start.toString());
        root.putArray("ctlogs").add(log("https://ctfe.test.invalid", ctLog));
        root.putArray("timestampAuthorities");
        try {
            Files.writeString(file, root.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A signer whose certificates name {@code identity} (a URI or an email address) and OIDC {@code issuer}. */
    public KeylessSigning signer(String identity, String issuer) {
        return new Identity(identity, issuer);
    }

    private final class Identity implements KeylessSigning {

        private final String identity;
        private final String issuer;

        Identity(String identity, String issuer) {
            this.identity = identity;
            this.issuer = issuer;
        }

        @Override
        public String attest(byte[] statement) {
            KeyPair key = ecKey();
            X509Certificate leaf = leaf(key, identity, issuer);
            String payloadType = "application/vnd.in-toto+json";
            byte[] signature = ecdsa(key.getPrivate(), pae(payloadType, statement));
            ObjectNode envelope =
                    JSON.createObjectNode().put("payload", base64(statement)).put("payloadType", payloadType);
            envelope.putArray("signatures").addObject().put("sig", base64(signature));
            ObjectNode body = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
            ObjectNode spec = body.putObject("spec");
            spec.putObject("envelopeHash")
                    .put("algorithm", "sha256")
                    .put(
                            "value",
                            HexFormat.of().formatHex(sha256(envelope.toString().getBytes(StandardCharsets.UTF_8))));
            spec.putObject("payloadHash")
                    .put("algorithm", "sha256")
                    .put("value", HexFormat.of().formatHex(sha256(statement)));
            spec.putArray("signatures")
                    .addObject()
                    .put("signature", base64(signature))
                    .put("verifier", base64(pem(leaf)));
            ObjectNode bundle = bundle(leaf, body, "dsse");
            bundle.set("dsseEnvelope", envelope);
            return bundle.toString();
        }

        @Override
        public void close() {}
    }

    /** The bundle's verification material: the certificate and its one transparency-log entry. */
    private synchronized ObjectNode bundle(X509Certificate leaf, ObjectNode entryBody, String kind) {
        byte[] body = entryBody.toString().getBytes(StandardCharsets.UTF_8);
        long index = nextIndex++;
        long time = Instant.now().getEpochSecond();
        byte[] logId = keyId(tlog);
        byte[] rootHash = sha256(concat(new byte[] {0}, body)); // a tree of one leaf: its root is the leaf's hash
        String note = REKOR_HOST + " - 1\n1\n" + base64(rootHash) + "\n";
        byte[] noteSignature = concat(
                java.util.Arrays.copyOf(logId, 4), ecdsa(tlog.getPrivate(), note.getBytes(StandardCharsets.UTF_8)));
        String promise = "{\"body\":\"" + base64(body) + "\",\"integratedTime\":" + time + ",\"logID\":\""
                + HexFormat.of().formatHex(logId) + "\",\"logIndex\":" + index + "}";

        ObjectNode bundle = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("certificate").put("rawBytes", base64(encoded(leaf)));
        ArrayNode entries = material.putArray("tlogEntries");
        ObjectNode entry = entries.addObject().put("logIndex", String.valueOf(index));
        entry.putObject("logId").put("keyId", base64(logId));
        entry.putObject("kindVersion").put("kind", kind).put("version", "0.0.1");
        entry.put("integratedTime", String.valueOf(time));
        entry.putObject("inclusionPromise")
                .put(
                        "signedEntryTimestamp",
                        base64(ecdsa(tlog.getPrivate(), promise.getBytes(StandardCharsets.UTF_8))));
        ObjectNode proof = entry.putObject("inclusionProof")
                .put("logIndex", "0")
                .put("rootHash", base64(rootHash))
                .put("treeSize", "1");
        proof.putArray("hashes");
        proof.putObject("checkpoint")
                .put("envelope", note + "\n\u2014 " + REKOR_HOST + " " + base64(noteSignature) + "\n");
        entry.put("canonicalizedBody", base64(body));
        material.putObject("timestampVerificationData");
        return bundle;
    }

    /** A Fulcio-like leaf: identity in the SAN, issuer in Fulcio's extensions, and an embedded SCT of the test CT log. */
    private X509Certificate leaf(KeyPair key, String identity, String issuer) {
        try {
            Date from = Date.from(Instant.now().minus(1, ChronoUnit.MINUTES));
            Date until = Date.from(Instant.now().plus(10, ChronoUnit.MINUTES));
            BigInteger serial = new BigInteger(64, new java.security.SecureRandom());
            GeneralName name = identity.contains("://")
                    ? new GeneralName(GeneralName.uniformResourceIdentifier, identity)
                    : new GeneralName(GeneralName.rfc822Name, identity);
            X509v3CertificateBuilder precertificate = leafBuilder(key, serial, from, until, name, issuer);
            byte[] tbs = precertificate
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()))
                    .toASN1Structure()
                    .getTBSCertificate()
                    .getEncoded("DER");
            X509v3CertificateBuilder certificate = leafBuilder(key, serial, from, until, name, issuer);
            certificate.addExtension(new ASN1ObjectIdentifier(SCT_LIST), false, new DEROctetString(sctList(tbs)));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509v3CertificateBuilder leafBuilder(
            KeyPair key, BigInteger serial, Date from, Date until, GeneralName name, String issuer) throws IOException {
        X509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(caCertificate, serial, from, until, new X500Name(""), key.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(name));
        // Fulcio's first issuer extension holds the raw bytes; the second a DER UTF8String.
        builder.addExtension(
                new ASN1ObjectIdentifier(FULCIO_ISSUER_V1), false, issuer.getBytes(StandardCharsets.UTF_8));
        builder.addExtension(new ASN1ObjectIdentifier(FULCIO_ISSUER_V2), false, new DERUTF8String(issuer));
        return builder;
    }

    /** RFC 6962 SignedCertificateTimestampList with one SCT over the precertificate's TBS, as a CT log signs it. */
    private byte[] sctList(byte[] tbs) {
        long timestamp = Instant.now().toEpochMilli();
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(0); // v1
        signed.write(0); // certificate_timestamp
        writeLong(signed, timestamp);
        writeInt(signed, 1, 2); // precert_entry
        signed.writeBytes(sha256(caCertificate.getPublicKey().getEncoded()));
        writeInt(signed, tbs.length, 3);
        signed.writeBytes(tbs);
        writeInt(signed, 0, 2); // no extensions
        byte[] signature = ecdsa(ctLog.getPrivate(), signed.toByteArray());
        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(0);
        sct.writeBytes(keyId(ctLog));
        writeLong(sct, timestamp);
        writeInt(sct, 0, 2);
        sct.write(4); // sha256
        sct.write(3); // ecdsa
        writeInt(sct, signature.length, 2);
        sct.writeBytes(signature);
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        writeInt(list, sct.size() + 2, 2);
        writeInt(list, sct.size(), 2);
        list.writeBytes(sct.toByteArray());
        return list.toByteArray();
    }

    private X509Certificate caCertificate() {
        try {
            X500Name name = new X500Name("O=gate-test,CN=gate-test-fulcio");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(start),
                    Date.from(start.plus(2, ChronoUnit.DAYS)),
                    name,
                    ca.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode log(String url, KeyPair key) {
        ObjectNode log = JSON.createObjectNode().put("baseUrl", url).put("hashAlgorithm", "SHA2_256");
        ObjectNode publicKey = log.putObject("publicKey")
                .put("rawBytes", base64(key.getPublic().getEncoded()))
                .put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
        publicKey.putObject("validFor").put("start", start.toString());
        log.putObject("logId").put("keyId", base64(keyId(key)));
        return log;
    }

    /** DSSE's pre-authentication encoding, which the envelope's signature covers. */
    private static byte[] pae(String type, byte[] payload) {
        byte[] head =
                ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        return concat(head, payload);
    }

    private static byte[] keyId(KeyPair key) {
        return sha256(key.getPublic().getEncoded());
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ecdsa(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(X509Certificate certificate) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(encoded(certificate));
        return ("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
