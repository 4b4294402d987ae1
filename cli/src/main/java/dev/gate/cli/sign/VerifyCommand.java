package dev.gate.cli.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.policy.RecheckFlags;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.signing.ImageVerifier;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.KeylessBundleVerifier;
import dev.gate.signing.KeylessPolicy;
import dev.gate.signing.Pem;
import dev.gate.signing.Problem;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate verify --key PUB IMAGE}: exit 0 when something verifies and nothing that was found fails to (a
 * tampered attestation beside a good signature fails the run); 1 otherwise.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify an image's cosign signatures, attestations and sigstore bundle referrers "
                + "against a public key or, keyless, a trusted root and signer identity.")
public final class VerifyCommand implements Callable<Integer> {

    private final Environment environment;

    VerifyCommand(Environment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TrustFlags trust = new TrustFlags();

    @Option(
            names = "--bundle",
            paramLabel = "FILE",
            description =
                    "Keyless: the sigstore bundle of a local file given as " + "IMAGE, verified with --trusted-root.")
    Path bundle;

    @Option(
            names = "--attestation-type",
            paramLabel = "TYPE",
            description = "Only attestations of this type: cyclonedx, vuln or a predicate type URI.")
    String attestationType;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or junit.")
    String output;

    @Option(
            names = "--show",
            paramLabel = "TYPE",
            description =
                    "Print only the predicate (pretty JSON) of the verified "
                            + "attestation of this type: decision, sbom, vuln or a predicate type URI. Exit 1 when none verified.")
    String show;

    @Parameters(
            paramLabel = "IMAGE",
            description = "registry/repository[:tag|@digest], or oci:DIR:TAG as gate push wrote it")
    String image;

    @Option(
            names = "--name",
            paramLabel = "REF",
            description = "For an oci:DIR:TAG image: the reference it was pushed " + "under with gate push --name.")
    String publishedAs;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Mixin
    RecheckFlags recheck = new RecheckFlags();

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json") && !output.equals("junit")) {
            throw GateException.input("--output must be text, json or junit, got " + SafeText.quoted(output));
        }
        String shownType = show == null ? null : showable();
        if (trust.trustedRoot() != null && bundle != null) {
            return verifyKeylessFile();
        }
        if (!trust.given()) {
            throw GateException.input(
                    "give --key PUB, or --trusted-root with --certificate-identity and --certificate-oidc-issuer");
        }
        TrustedKeys trusted = trust.trustedKeys();
        KeylessPolicy keyless = trusted.identity();
        SignTarget target = SignTarget.open(image, registry.toOptions(), publishedAs);
        String type = attestationType == null ? null : InTotoStatement.predicateTypeFor(attestationType);
        Verification result = new ImageVerifier(target.store(), trusted, keyless)
                .verify(target.repository(), target.digest(), type)
                .requiring(trust.requiredTypes(), target.digest());
        PrintWriter out = spec.commandLine().getOut();
        if (shownType != null) {
            return PredicateToShow.print(out, spec.commandLine().getErr(), target, trusted, result, shownType);
        }
        PolicyRecheck.Outcome policy = recheckPolicies(target, trusted, result);
        if (output.equals("junit")) {
            out.print(VerificationJunit.xml(target.repository() + "@" + target.digest(), result, policy));
        } else if (output.equals("json")) {
            com.fasterxml.jackson.databind.node.ObjectNode json = new ObjectMapper().valueToTree(result);
            if (policy != null) {
                json.set("policy", policy.json());
            }
            out.println(json);
        } else {
            print(out, target, result, keyless);
            if (policy != null) {
                policy.print(out);
            }
        }
        out.flush();
        return result.ok() && (policy == null || policy.passed()) ? 0 : 1;
    }

    /** The predicate type --show names, when the other flags leave room for a predicate alone on the output. */
    private String showable() {
        String type = PredicateToShow.typeOf(show);
        if (!output.equals("text") || recheck.requested()) {
            throw GateException.input("--show prints one predicate: it takes neither --output nor --policy");
        }
        if (!trust.given()) {
            throw GateException.input(
                    "--show prints verified attestations: give --key PUB or --trusted-root with an identity");
        }
        return type;
    }

    /** With --policy every signature and attestation must verify, and today's policies must allow the image. */
    private PolicyRecheck.Outcome recheckPolicies(SignTarget target, TrustedKeys trusted, Verification result) {
        if (!recheck.requested()) {
            return null;
        }
        return recheck.recheck(registry.toOptions())
                .evaluate(target.name(), target.artifact(), target.store(), trusted, result, environment.variables());
    }

    private int verifyKeylessFile() {
        KeylessPolicy keyless = trust.keyless();
        KeylessBundleVerifier.Checked checked =
                keyless.verifier().check(Path.of(image), bundle, keyless.identity(), keyless.issuer());
        PrintWriter out = spec.commandLine().getOut();
        if (checked instanceof KeylessBundleVerifier.Verified verified) {
            out.println("verified " + SafeText.of(image) + " signed by "
                    + SafeText.of(verified.signer().describe()));
        } else if (checked instanceof KeylessBundleVerifier.Refused refused) {
            out.println("not verified: " + SafeText.of(refused.problem().message()));
        }
        out.flush();
        return checked instanceof KeylessBundleVerifier.Verified ? 0 : 1;
    }

    private static void print(PrintWriter out, SignTarget target, Verification result, KeylessPolicy keyless) {
        // Predicate types, subjects and failures come from what the registry or layout holds: escaped.
        out.println("image " + SafeText.of(target.repository()) + "@" + target.digest()
                + (result.keyIds().isEmpty()
                        ? ""
                        : ", trusted " + (result.keyIds().size() == 1 ? "key " : "keys ")
                                + String.join(", ", result.keyIds()))
                + (keyless == null
                        ? ""
                        : ", keyless identity " + SafeText.of(keyless.identity().toString()) + " ("
                                + SafeText.of(keyless.issuer().toString()) + ")"));
        for (Verification.Verified v : result.verified()) {
            // cosign 3's statements name their subject by digest alone.
            out.println("verified " + v.kind() + (v.predicateType() == null ? "" : " " + SafeText.of(v.predicateType()))
                    + (v.subject().isEmpty() ? "" : " subject " + SafeText.of(v.subject()))
                    + " by " + SafeText.of(v.signer().describe()));
        }
        for (Problem failure : result.failures()) {
            out.println("not verified: " + SafeText.of(failure.message()));
        }
        for (Problem absent : result.absent()) {
            out.println("absent: " + SafeText.of(absent.message()));
        }
        for (Problem other : result.untrusted()) {
            out.println("signed also by an untrusted key: " + SafeText.of(other.message()));
        }
        if (result.verified().isEmpty()) {
            out.println("not verified: nothing stored for " + target.digest() + " verifies");
        }
    }

    /** The keys named by repeated {@code --key} options, each read as {@link #readPublic}. */
    public static TrustedKeys readPublicKeys(List<Path> files) {
        return TrustedKeys.of(files.stream().map(VerifyCommand::readPublic).toList());
    }

    public static PublicKey readPublic(Path file) {
        Pem pem = Pem.parse(KeyFiles.read(file), file.toString());
        if (!pem.type().equals("PUBLIC KEY")) {
            throw GateException.input(file + ": expected a PUBLIC KEY PEM, found " + pem.type());
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem.bytes()));
        } catch (java.security.GeneralSecurityException e) {
            throw GateException.input(file + ": not an EC public key");
        }
    }
}
