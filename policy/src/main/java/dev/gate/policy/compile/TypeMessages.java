package dev.gate.policy.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The type checker's messages, worded and laid out as OPA's (a first line, then indented detail lines). */
final class TypeMessages {
    private TypeMessages() {}

    static String matchError(String left, String right) {
        return "match error\n\tleft  : " + left + "\n\tright : " + right;
    }

    /** {@code have} lists the argument types as given (unknown ones as ???); {@code want} is the signature. */
    static String invalidArguments(String name, List<String> have, RuleTypes.Signature signature) {
        List<String> want = new ArrayList<>();
        for (Type t : signature.args()) want.add(t.toString());
        want.add(signature.result().toString());
        return name + ": invalid argument(s)\n\thave: (" + String.join(", ", have) + ")\n\twant: ("
                + String.join(", ", want) + ")";
    }

    static String arityMismatch(String name, int have, int want) {
        return name + ": arity mismatch\n\thave: (" + String.join(", ", Collections.nCopies(have, "any"))
                + ")\n\twant: (" + String.join(", ", Collections.nCopies(want, "any")) + ")";
    }

    /** The reference, a line marking where it fails, then the detail lines indented to that place. */
    static String undefinedRef(String ref, String mark, int indent, String detail) {
        StringBuilder sb = new StringBuilder("undefined ref: ")
                .append(ref)
                .append("\n\t")
                .append(ref)
                .append("\n\t")
                .append(mark);
        for (String line : detail.split("\n"))
            sb.append("\n\t").append(" ".repeat(indent)).append(line);
        return sb.toString();
    }
}
