package dev.gate.cli.sign;

import dev.gate.image.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.Predicates;
import dev.gate.signing.InTotoStatement;
import java.net.URI;
import java.net.URISyntaxException;

/** The predicate type {@code gate verify --show} names: a short name gate attests, or any predicate type URI. */
final class PredicateToShow {

    private PredicateToShow() {
    }

    /** The predicate type of {@code value}; anything but a short name or an absolute URI is an input error (exit 2). */
    static String typeOf(String value) {
        return switch (value) {
            case "decision" -> Predicates.DECISION_TYPE;
            case "sbom", "cyclonedx" -> InTotoStatement.SBOM_CYCLONEDX;
            case "vuln" -> InTotoStatement.VULN;
            default -> absoluteUri(value);
        };
    }

    private static String absoluteUri(String value) {
        try {
            if (new URI(value).isAbsolute()) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below, with the other values that name no predicate type
        }
        throw GateException.input("--show takes decision, sbom, vuln or a predicate type URI, got " + SafeText.quoted(value));
    }
}
