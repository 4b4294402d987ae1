package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names one module (or a query, with no module) sees outside its bodies: the rules of its package, its imports,
 * functions and builtins; and where to report what does not resolve.
 */
final class ModuleNames {
    final Module module;
    final List<String> pkg;
    final Source source;
    private final DeclaredNames declared;
    private final BuiltinRegistry builtins;
    /** The dialect of a query (a module has its own): a query against v0 policies may call v0's deprecated builtins. */
    private final RegoVersion queryVersion;

    private final Set<String> ruleNames = new HashSet<>();
    private final Map<String, List<String>> imports = new HashMap<>();

    ModuleNames(Module m, DeclaredNames declared, BuiltinRegistry builtins, RegoVersion queryVersion) {
        this.module = m;
        this.declared = declared;
        this.builtins = builtins;
        this.queryVersion = queryVersion;
        this.pkg = m == null ? List.of() : m.packagePath();
        this.source = m == null ? null : m.source();
        if (m == null) return;
        ruleNames.addAll(declared.ruleNames(m.packagePath()));
        for (Rule r : m.rules()) ruleNames.add(r.name());
        for (Module.Import i : m.imports()) {
            String root = i.path().get(0);
            if (root.equals("data") || root.equals("input")) imports.put(i.alias(), i.path());
        }
    }

    /** The path an imported alias stands for, or null. */
    List<String> imported(String alias) {
        return imports.get(alias);
    }

    boolean isRule(String name) {
        return ruleNames.contains(name);
    }

    /** The function or builtin a call names; refused when there is none, it is deprecated, or arities differ. */
    CallTarget resolveCall(String name, Span span, int argCount) {
        CallTarget target = tryResolveCall(name);
        if (target == null) {
            String full = qualify(name);
            if (full.startsWith("data.") && declared.isValueRule(full)) throw error(span, full + " is not a function");
            throw new PolicyException("rego_type_error", describe(span, "undefined function " + name), location(span));
        }
        if (target instanceof CallTarget.Builtin && BuiltinRegistry.isDeprecated(name) && !readsV0()) {
            throw new PolicyException(
                    "rego_type_error",
                    describe(span, "deprecated built-in function calls in expression: " + name),
                    location(span));
        }
        if (argCount >= 0) {
            int arity = target instanceof CallTarget.Builtin b ? b.arity() : ((CallTarget.Function) target).arity();
            if (argCount != arity && argCount != arity + 1 && !isVariadic(name)) {
                throw new PolicyException(
                        "rego_type_error",
                        describe(
                                span,
                                name + ": arity mismatch: " + arity + " argument" + (arity == 1 ? "" : "s")
                                        + " expected, got " + argCount),
                        location(span));
            }
        }
        return target;
    }

    /** The function or builtin a name stands for, or null. */
    CallTarget tryResolveCall(String name) {
        String full = qualify(name);
        if (full.startsWith("data.")) return declared.function(full);
        BuiltinRegistry.Entry entry = builtins.get(name);
        return entry == null ? null : new CallTarget.Builtin(name, entry.decl().arity());
    }

    /** The function at a dotted path under data, or null. */
    CallTarget function(String dotted) {
        return declared.function(dotted);
    }

    /** Expands a name's first segment through imports and package rule names. */
    String qualify(String name) {
        String[] parts = name.split("\\.", 2);
        String rest = parts.length > 1 ? "." + parts[1] : "";
        List<String> imported = imports.get(parts[0]);
        if (imported != null) return String.join(".", imported) + rest;
        if (ruleNames.contains(parts[0]) || declared.isFunction("data." + String.join(".", pkg) + "." + parts[0])) {
            return "data." + String.join(".", pkg) + "." + name;
        }
        return name;
    }

    /** A v0 module (or a query against v0 policies) may call what OPA deprecated. */
    private boolean readsV0() {
        return (module != null ? module.regoVersion() : queryVersion) == RegoVersion.V0;
    }

    private static boolean isVariadic(String name) {
        return name.equals("print");
    }

    PolicyException error(Span span, String message) {
        return new PolicyException("rego_compile_error", describe(span, message), location(span));
    }

    /** {@code file:line:col: message} with the line and a caret, as parse errors are shown. */
    private String describe(Span span, String message) {
        return source == null ? location(span) + ": " + message : source.describe(span, message);
    }

    private String location(Span span) {
        return (source == null ? "query" : source.fileName()) + ":" + span.line() + ":" + span.column();
    }
}
