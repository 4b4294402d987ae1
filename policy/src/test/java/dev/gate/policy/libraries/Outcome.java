package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.value.JsonValues;
import java.util.Objects;

/**
 * What one engine made of one package on one input: its document, undefined, or an error with OPA's code. Documents
 * compare as Rego values (so {@code 1} and {@code 1.0} are one number).
 */
record Outcome(JsonNode document, String errorCode) {
    static final Outcome UNDEFINED = new Outcome(null, null);

    static Outcome of(JsonNode document) {
        return new Outcome(document, null);
    }

    static Outcome error(String code) {
        return new Outcome(null, code == null ? "unknown" : code);
    }

    boolean isError() {
        return errorCode != null;
    }

    boolean agreesWith(Outcome other) {
        if (document == null || other.document == null)
            return document == other.document && Objects.equals(errorCode, other.errorCode);
        return JsonValues.fromJson(document).equals(JsonValues.fromJson(other.document));
    }

    @Override
    public String toString() {
        if (errorCode != null) return "error " + errorCode;
        if (document == null) return "undefined";
        String text = document.toString();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
