package dev.gate.policy.compile;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.value.StringValue;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type of each rule's value as its definitions tell it, over every module (OPA infers them before checking the
 * rules that read them): a single-value rule has the join of its definitions' value types (defaults and else
 * branches included), a {@code contains} rule is a set, a rule with variables in its head an object. Rules that read
 * other rules are typed again until nothing changes (a few passes; recursion is refused before this runs).
 */
final class RuleTypes {
    private static final int PASSES = 6;

    /** What a call of a function (or builtin) takes and gives. */
    record Signature(List<Type> args, Type result) {
        Signature {
            args = List.copyOf(args);
        }
    }

    /** Rule value types and function signatures by path ({@code data.p.q}). */
    record Known(Map<String, Type> rules, Map<String, Signature> functions) {
        static final Known NOTHING = new Known(Map.of(), Map.of());

        /** The longest prefix of a reference below data that names a rule of known type, or null. */
        RulePrefix rulePrefix(List<Term> pathBelowData) {
            for (int i = pathBelowData.size(); i > 0; i--) {
                String path = Selection.dataPath(pathBelowData.subList(0, i));
                if (path != null && rules.containsKey(path)) return new RulePrefix(i, path, rules.get(path));
            }
            return null;
        }
    }

    /** A reference's first {@code length} elements below data name the rule at {@code path}, of type {@code type}. */
    record RulePrefix(int length, String path, Type type) {}

    private RuleTypes() {}

    static Known infer(List<Module> compiled, BuiltinRegistry builtins) {
        Known known = Known.NOTHING;
        for (int pass = 0; pass < PASSES; pass++) {
            Known next = onePass(compiled, builtins, known);
            if (next.equals(known)) return next;
            known = next;
        }
        return known;
    }

    private static Known onePass(List<Module> compiled, BuiltinRegistry builtins, Known known) {
        Map<String, Type> out = new HashMap<>();
        Map<String, Signature> functions = new HashMap<>();
        for (Module m : compiled) {
            for (Rule r : m.rules()) {
                if (r.kind() == Rule.Kind.FUNCTION) {
                    functions.merge(path(m, r), signature(r, builtins, known), RuleTypes::join);
                    continue;
                }
                StringBuilder path = new StringBuilder("data");
                for (String p : m.packagePath()) path.append('.').append(p);
                boolean ground = true;
                for (Term t : r.head()) {
                    if (t instanceof Term.Scalar s && s.value() instanceof StringValue str)
                        path.append('.').append(str.value());
                    else {
                        ground = false;
                        break;
                    }
                }
                Type type;
                if (!ground) type = Type.of(Type.Kind.OBJECT);
                else if (r.kind() == Rule.Kind.SET) type = Type.of(Type.Kind.SET);
                else type = valueType(r, builtins, known);
                out.merge(path.toString(), type, RuleTypes::join);
            }
        }
        return new Known(out, functions);
    }

    private static String path(Module m, Rule r) {
        StringBuilder path = new StringBuilder("data");
        for (String p : m.packagePath()) path.append('.').append(p);
        for (Term t : r.head())
            if (t instanceof Term.Scalar s && s.value() instanceof StringValue str)
                path.append('.').append(str.value());
        return path.toString();
    }

    /** A function's definitions and else branches each allow their own argument types: the signature joins them. */
    private static Signature signature(Rule r, BuiltinRegistry builtins, Known known) {
        Signature signature = null;
        for (Rule part = r; part != null; part = part.elseRule()) {
            Signature s = definitionSignature(part, builtins, known);
            signature = signature == null ? s : join(signature, s);
        }
        return signature;
    }

    /** A rule that does not type-check has no type (as in OPA): what reads it is not refused on its account. */
    private static Type definitionType(Rule part, BuiltinRegistry builtins, Known known) {
        TypeChecker checker = TypeChecker.inferring(builtins, known, false);
        Type value = checker.definitionValue(part);
        return checker.refusedAnything() ? Type.ANY : value;
    }

    /** What a function definition's body asks of each plain argument, and its value's type. */
    private static Signature definitionSignature(Rule part, BuiltinRegistry builtins, Known known) {
        TypeChecker checker = TypeChecker.inferring(builtins, known, true);
        Type result = checker.definitionValue(part);
        if (checker.refusedAnything())
            return new Signature(java.util.Collections.nCopies(part.args().size(), Type.ANY), Type.ANY);
        List<Type> args = new java.util.ArrayList<>();
        for (Term a : part.args()) {
            Type t = a instanceof Term.Var v ? checker.varType(v.name()) : null;
            args.add(t == null ? Type.ANY : t);
        }
        return new Signature(args, result);
    }

    private static Signature join(Signature a, Signature b) {
        if (a.args().size() != b.args().size())
            return new Signature(java.util.Collections.nCopies(a.args().size(), Type.ANY), Type.ANY);
        List<Type> args = new java.util.ArrayList<>();
        for (int i = 0; i < a.args().size(); i++)
            args.add(join(a.args().get(i), b.args().get(i)));
        return new Signature(args, join(a.result(), b.result()));
    }

    private static Type valueType(Rule r, BuiltinRegistry builtins, Known known) {
        Type type = null;
        for (Rule part = r; part != null; part = part.elseRule()) {
            Type t = definitionType(part, builtins, known);
            type = type == null ? t : join(type, t);
        }
        return type;
    }

    /** A value of either type: the same type, or the union of their kinds with their shapes forgotten. */
    static Type join(Type a, Type b) {
        if (a.equals(b)) return a;
        EnumSet<Type.Kind> kinds = EnumSet.noneOf(Type.Kind.class);
        kinds.addAll(a.kinds());
        kinds.addAll(b.kinds());
        return kinds.size() == Type.Kind.values().length ? Type.ANY : new Type(kinds, null, null, null);
    }
}
