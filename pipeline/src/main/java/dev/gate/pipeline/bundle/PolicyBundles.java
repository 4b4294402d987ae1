package dev.gate.pipeline.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.input.ImageName;
import dev.gate.signing.CertifiedSigner;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.ImageVerifier;
import dev.gate.signing.KeylessSigning;
import dev.gate.signing.Signer;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.ReferrerManifest;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy bundles in a registry: a security team publishes its policies as one signed OCI artifact, and CI jobs pin it
 * by digest. The artifact is an OCI manifest of type {@link #ARTIFACT_TYPE} whose one layer is the bundle's gzipped tar
 * ({@link PolicyArchive}); its signature is a cosign signature, so {@code cosign verify --key} accepts it too, or, keyless,
 * a sigstore bundle referrer as cosign 3 signs (checked by {@code cosign verify --certificate-identity}). Publishing
 * pushes by digest, signs, and moves the tag last; fetching verifies the signature before a byte of the bundle is read.
 */
public final class PolicyBundles {
    public static final String ARTIFACT_TYPE = "application/vnd.gate.policy.bundle.v1";
    public static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** How a policy flag names a bundle in a registry: {@code oci://registry/repository[:tag|@digest]}. */
    public static final String SCHEME = "oci://";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyBundles() {}

    /** A bundle as published or fetched: where, its manifest digest, and the key or keyless identity that signed it. */
    public record Pinned(String reference, Digest digest, Signer signer) {
        /** {@code registry/repository@sha256:...}, how decision records name it. */
        public String pinned() {
            return reference + "@" + digest;
        }

        /** The signing key's id; null for a keyless signature. */
        public String keyId() {
            return signer.keyId();
        }
    }

    public static boolean isBundleReference(String policy) {
        return policy.startsWith(SCHEME);
    }

    /** Publishes {@code contents} at {@code destination} signed with {@code key} (the tag is moved once it is signed). */
    public static Pinned publish(
            PolicyArchive.Contents contents, Reference destination, RegistryOptions options, CosignKeyPair key) {
        return publish(contents, destination, options, (store, writes, signedName, descriptor) -> {
            ImageSignatures.sign(new CosignAttacher(store, writes), key, signedName, descriptor.digest());
            return Signer.key(key.publicKey());
        });
    }

    /**
     * Publishes {@code contents} at {@code destination} signed keyless: the bundle's signature is a sigstore bundle
     * referrer of its manifest. The signer is the identity the certificate states.
     */
    public static Pinned publish(
            PolicyArchive.Contents contents, Reference destination, RegistryOptions options, KeylessSigning keyless) {
        return publish(contents, destination, options, (store, writes, signedName, descriptor) -> {
            byte[] bundle = keyless.signImage(signedName, descriptor.digest()).getBytes(StandardCharsets.UTF_8);
            Referrers.publish(store, SigstoreBundles.MEDIA_TYPE, bundle, descriptor, writes);
            return CertifiedSigner.of(bundle);
        });
    }

    /** How a bundle gets its signature, once its manifest is stored by digest; returns who signed. */
    private interface Signing {
        Signer sign(RegistrySignatureStore store, MergedWrites writes, String signedName, Descriptor manifest);
    }

    private static Pinned publish(
            PolicyArchive.Contents contents, Reference destination, RegistryOptions options, Signing signing) {
        byte[] archive = PolicyArchive.pack(contents);
        byte[] manifest = manifest(archive);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length);
        RegistryClient client = RegistryClient.open(destination, options);
        RegistrySignatureStore store = new RegistrySignatureStore(client);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(ReferrerManifest.EMPTY_CONFIG), ReferrerManifest.EMPTY_CONFIG);
        blobs.put(Digest.sha256(archive), archive);
        store.putBlobs(blobs);
        client.putManifest(descriptor.digest().toString(), descriptor, manifest);
        String signedName = ImageName.of(destination).signedName();
        MergedWrites writes = MergedWrites.standard();
        Signer signer = signing.sign(store, writes, signedName, descriptor);
        writes.confirm();
        if (destination.tag() != null && destination.digest() == null) {
            client.putManifest(destination.tag(), descriptor, manifest);
        }
        return new Pinned(signedName, descriptor.digest(), signer);
    }

    /**
     * Fetches the bundle {@code source} names, verifies its signature with any of {@code trusted} (a team's keys before
     * and after a rotation, or its keyless identity), and unpacks it into the empty folder {@code into}. A bundle no
     * trusted key or identity signed is refused (exit 1) before its layer is read.
     */
    public static Fetched fetch(Reference source, RegistryOptions options, TrustedKeys trusted, Path into) {
        RegistryClient client = RegistryClient.open(source, options);
        String named = source.digest() != null ? source.digest().toString() : source.tag();
        RegistryClient.Manifest manifest = client.getManifest(named)
                .orElseThrow(() -> GateException.input(SCHEME + source + ": no such policy bundle"));
        Digest digest = manifest.descriptor().digest();
        String signedName = ImageName.of(source).signedName();
        Verification verification =
                new ImageVerifier(new RegistrySignatureStore(client), trusted).verify(signedName, digest, null);
        Signer signer = verification.verified().stream()
                .filter(v -> v.predicateType() == null)
                .map(Verification.Verified::signer)
                .findFirst()
                .orElse(null);
        if (signer == null || !verification.failures().isEmpty()) {
            String why = !verification.failures().isEmpty()
                    ? verification.failures().get(0).message()
                    : !verification.untrusted().isEmpty()
                            ? "signed only by keys or identities not trusted here"
                            : "not signed";
            throw new GateException(
                    GateException.Kind.REFUSED,
                    SCHEME + source + ": policy bundle " + digest + " does not verify with the policy key or identity: "
                            + why);
        }
        Descriptor layer = layer(manifest.raw(), SCHEME + source);
        byte[] archive;
        try (InputStream in = client.openBlob(layer)) {
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw GateException.operational(SCHEME + source + ": cannot read the bundle: " + e.getMessage(), e);
        }
        Pinned pinned = new Pinned(signedName, digest, signer);
        return new Fetched(pinned, PolicyArchive.unpack(archive, SCHEME + source, into));
    }

    /** A verified bundle and its files. */
    public record Fetched(Pinned bundle, PolicyArchive.Contents contents) {}

    private static byte[] manifest(byte[] archive) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.put("artifactType", ARTIFACT_TYPE);
        root.putObject("config")
                .put("mediaType", MediaTypes.OCI_EMPTY)
                .put("digest", Digest.sha256(ReferrerManifest.EMPTY_CONFIG).toString())
                .put("size", ReferrerManifest.EMPTY_CONFIG.length);
        root.putArray("layers")
                .addObject()
                .put("mediaType", LAYER_TYPE)
                .put("digest", Digest.sha256(archive).toString())
                .put("size", archive.length)
                .putObject("annotations")
                .put("org.opencontainers.image.title", "bundle.tar.gz");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The one bundle layer of a policy bundle manifest; anything else (an image, a wrong type) is refused. */
    private static Descriptor layer(byte[] raw, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (IOException e) {
            throw GateException.input(origin + ": the manifest is not JSON");
        }
        if (!ARTIFACT_TYPE.equals(root.path("artifactType").asText())) {
            throw GateException.input(origin + ": not a policy bundle (artifactType "
                    + dev.gate.image.SafeText.of(root.path("artifactType").asText("none")) + ", expected "
                    + ARTIFACT_TYPE + ")");
        }
        JsonNode layers = root.path("layers");
        if (layers.size() != 1
                || !LAYER_TYPE.equals(layers.get(0).path("mediaType").asText())) {
            throw GateException.input(origin + ": a policy bundle has exactly one layer of type " + LAYER_TYPE);
        }
        long size = layers.get(0).path("size").asLong(-1);
        if (size < 0 || size > PolicyArchive.MAX_BYTES) {
            throw GateException.input(
                    origin + ": bundle layer of " + size + " bytes (at most " + PolicyArchive.MAX_BYTES + ")");
        }
        return Descriptor.of(
                LAYER_TYPE, Digest.parse(layers.get(0).path("digest").asText()), size);
    }
}
