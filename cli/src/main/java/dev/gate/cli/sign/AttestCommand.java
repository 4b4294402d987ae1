package dev.gate.cli.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import dev.gate.image.merge.MergedWrites;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.signing.BundleDuplicates;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageAttestations;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.KeylessSigning;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate attest --key K --predicate F --type T IMAGE}: a signed in-toto statement in {@code .att}; keyless
 * ({@code --keyless}), a sigstore bundle referrer of the image.
 */
@Command(
        name = "attest",
        mixinStandardHelpOptions = true,
        description =
                "Attach a signed in-toto attestation (DSSE) as cosign attest --key does, or keyless as a sigstore bundle "
                        + "referrer as cosign attest does.")
public final class AttestCommand implements Callable<Integer> {

    private final Environment environment;

    AttestCommand(Environment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SigningFlags signing = new SigningFlags();

    @Option(
            names = "--predicate",
            paramLabel = "FILE",
            required = true,
            description = "JSON predicate (e.g. a CycloneDX SBOM).")
    Path predicate;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            defaultValue = "cyclonedx",
            description = "cyclonedx, vuln, openvex (checked to be an OpenVEX document) or a predicate type URI "
                    + "(default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--bundle", description = "Also publish a sigstore bundle v0.3 as an OCI referrer of the image.")
    boolean bundle;

    @Option(
            names = "--replace",
            description = "Drop earlier attestations of the same predicate type. An attestation this key "
                    + "already made of the same predicate is kept, and nothing is added, with or without --replace.")
    boolean replace;

    @Parameters(paramLabel = "IMAGE", description = "registry/repository[:tag|@digest], or an OCI layout oci:DIR:TAG")
    String image;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        JsonNode body = readPredicate(predicate);
        String predicateType = InTotoStatement.predicateTypeFor(type);
        if (VexStatements.isOpenVexType(predicateType)) {
            VexStatements.requireOpenVex(body, predicate.toString()); // what a verifier applies must be readable
        }
        signing.refuseTokenWithoutKeyless();
        if (signing.keyless()) {
            return attestKeyless(body, predicateType);
        }
        if (signing.key() == null) {
            throw GateException.input("give --key FILE, or --keyless");
        }
        CosignKeyPair pair = KeyFiles.loadPrivate(signing.key(), environment);
        SignTarget target = SignTarget.open(image, registry.toOptions());
        InTotoStatement statement = new InTotoStatement(target.repository(), target.digest(), predicateType, body);
        CosignLayer layer = ImageAttestations.layer(pair, statement);
        MergedWrites writes = MergedWrites.standard();
        boolean added =
                ImageAttestations.attach(target.attacher(writes), target.digest(), layer, pair, statement, replace);
        Optional<Digest> existing = bundle ? BundleDuplicates.find(target.store(), pair, statement) : Optional.empty();
        Digest referrer = bundle && existing.isEmpty()
                ? Referrers.publish(
                        target.store(),
                        SigstoreBundles.MEDIA_TYPE,
                        SigstoreBundles.dsse(pair.publicKey(), layer.content()),
                        target.descriptor(),
                        writes)
                : null;
        writes.confirm();
        if (referrer != null) {
            spec.commandLine().getOut().println("Bundle published as referrer " + referrer);
        }
        existing.ifPresent(d -> spec.commandLine().getOut().println("Bundle already published as referrer " + d));
        spec.commandLine()
                .getOut()
                .println((added ? "Attested " : "Already attested ") + SafeText.of(predicateType) + " for "
                        + SafeText.of(target.repository()) + "@" + target.digest());
        return 0;
    }

    /** The statement signed keyless and published as a bundle referrer (cosign 3's format; there is no .att layer). */
    private int attestKeyless(JsonNode body, String predicateType) {
        if (replace) {
            throw GateException.input(
                    "--replace drops earlier .att layers of a key; keyless attestations are bundle referrers");
        }
        try (KeylessSigning service = signing.keylessService(environment)) {
            SignTarget target = SignTarget.open(image, registry.toOptions());
            InTotoStatement statement = new InTotoStatement(target.repository(), target.digest(), predicateType, body);
            byte[] json = service.attest(statement.bytes()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Digest referrer = Referrers.publish(target.store(), SigstoreBundles.MEDIA_TYPE, json, target.descriptor());
            spec.commandLine()
                    .getOut()
                    .println("Attested keyless " + SafeText.of(predicateType) + " for "
                            + SafeText.of(target.repository()) + "@" + target.digest()
                            + "; bundle published as referrer " + referrer);
        }
        return 0;
    }

    private static JsonNode readPredicate(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw GateException.input(file + ": not a readable JSON predicate");
        }
    }
}
