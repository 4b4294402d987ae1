package dev.gate.policy.compile;

import dev.gate.policy.ast.Term;
import dev.gate.policy.value.StringValue;
import java.util.regex.Pattern;

/** References written as OPA prints them in messages: {@code x.a["b-c"][i]}, renamed locals under their own name. */
final class RefText {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RefText() {}

    static String of(Term.Ref r) {
        StringBuilder sb = new StringBuilder(r.head() instanceof Term.Var v ? name(v.name()) : "(...)");
        for (Term e : r.path()) sb.append(element(e));
        return sb.toString();
    }

    /** A term as short text: a variable or reference as written, anything else as {@code (...)}. */
    static String term(Term t) {
        if (t instanceof Term.Var v) return name(v.name());
        if (t instanceof Term.Ref r) return of(r);
        return "(...)";
    }

    static String element(Term e) {
        if (e instanceof Term.Scalar s
                && s.value() instanceof StringValue str
                && NAME.matcher(str.value()).matches()) return "." + str.value();
        if (e instanceof Term.Scalar s) return "[" + s.value().toJson() + "]";
        if (e instanceof Term.Var v) return "[" + name(v.name()) + "]";
        return "[...]";
    }

    /** A variable as written: wildcards read {@code _}, names renamed apart lose their suffix. */
    static String name(String var) {
        if (var.startsWith(Term.WILDCARD_PREFIX)) return "_";
        int cut = var.indexOf('$');
        return cut > 0 ? var.substring(0, cut) : var;
    }
}
