package dev.gate.policy.compile;

import dev.gate.policy.ast.Term;
import dev.gate.policy.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The types METADATA schemas give parts of input and data, by their path from the root ({@code [data, a, b]}). */
record DocumentTypes(Map<List<String>, Type> byPath) {
    static final DocumentTypes NONE = new DocumentTypes(Map.of());

    DocumentTypes {
        byPath = Map.copyOf(byPath);
    }

    /** The longest prefix of a reference that a schema covers, or null. */
    Covered covered(Term.Ref r) {
        if (byPath.isEmpty() || !(r.head() instanceof Term.Var)) return null;
        for (int n = r.path().size(); n >= 1; n--) {
            List<String> prefix = names(r, n);
            if (prefix != null && byPath.containsKey(prefix)) return new Covered(n, byPath.get(prefix));
        }
        return null;
    }

    /** {@code length} elements of the reference's path have type {@code type}. */
    record Covered(int length, Type type) {}

    /** The root and the first {@code n} elements as names, or null when one is not a string. */
    private static List<String> names(Term.Ref r, int n) {
        List<String> path = new ArrayList<>();
        path.add(((Term.Var) r.head()).name());
        for (Term e : r.path().subList(0, n)) {
            if (!(e instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) return null;
            path.add(str.value());
        }
        return path;
    }
}
