package dev.gate.policy.conformance;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Error messages OPA reworded after older conformance cases were recorded. A case that wants the older wording also
 * accepts the newer one, which is what the engine writes (as the OPA it is compared with does).
 */
final class RenamedMessages {
    private static final Map<String, String> NEWER = Map.of(
            "complete rules must not produce multiple outputs", "rule data\\S* produced conflicting values",
            "functions must not produce multiple outputs for same inputs",
                    "function data\\S* produced conflicting values for the same inputs");

    private RenamedMessages() {}

    /** Whether {@code text} holds {@code wanted}, in its own wording or in the one OPA replaced it with. */
    static boolean contains(String text, String wanted) {
        if (text.contains(wanted)) return true;
        for (Map.Entry<String, String> rename : NEWER.entrySet()) {
            int at = wanted.indexOf(rename.getKey());
            if (at < 0) continue;
            String newer = Pattern.quote(wanted.substring(0, at))
                    + rename.getValue()
                    + Pattern.quote(wanted.substring(at + rename.getKey().length()));
            if (Pattern.compile(newer).matcher(text).find()) return true;
        }
        return false;
    }
}
