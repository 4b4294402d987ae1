package dev.gate.cli.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code gate verify --show TYPE}: the predicate type it names (a short name gate attests, or any predicate type URI), and
 * the verified predicate of that type printed alone.
 */
final class PredicateToShow {

    private PredicateToShow() {}

    /** The predicate type of {@code value}; anything but a short name or an absolute URI is an input error (exit 2). */
    static String typeOf(String value) {
        return switch (value) {
            case "decision" -> DecisionRecord.PREDICATE_TYPE;
            case "sbom", "cyclonedx" -> InTotoStatement.SBOM_CYCLONEDX;
            case "vuln" -> InTotoStatement.VULN;
            default -> absoluteUri(value);
        };
    }

    /**
     * Only a predicate whose attestation verified with a trusted key, of an image that verified, reaches {@code out};
     * what else is said goes to {@code err}, one line, so the output is the predicate or nothing. Returns the exit code.
     */
    static int print(
            PrintWriter out,
            PrintWriter err,
            SignTarget target,
            TrustedKeys trusted,
            Verification result,
            String type) {
        JsonNode predicate = result.ok()
                ? AttestedPredicates.read(target.store(), target.digest(), trusted)
                        .predicate(type)
                : null;
        if (!result.ok()) {
            err.println("not verified: " + SafeText.of(target.repository()) + "@" + target.digest() + ": "
                    + SafeText.of(
                            result.failures().isEmpty()
                                    ? "nothing stored verifies"
                                    : result.failures().get(0).message()));
        } else if (predicate == null) {
            err.println("no verified attestation of type " + SafeText.of(type) + " on " + target.digest());
        } else {
            out.println(predicate.toPrettyString());
        }
        out.flush();
        err.flush();
        return predicate == null ? 1 : 0;
    }

    private static String absoluteUri(String value) {
        try {
            if (new URI(value).isAbsolute()) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below, with the other values that name no predicate type
        }
        throw GateException.input(
                "--show takes decision, sbom, vuln or a predicate type URI, got " + SafeText.quoted(value));
    }
}
