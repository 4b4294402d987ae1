package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed modules into something the evaluator can run: names resolved (rule names and import aliases become
 * {@code data}/{@code input} references, calls point at a builtin or a function), variables declared in nested
 * bodies renamed apart, bodies put in a safe order, and rules placed in the {@link RuleTree}. Declared names are
 * collected by {@link DeclaredNames}, resolved by {@link NameResolver} scope by {@link Scope}, checked by
 * {@link Safety}; the names the compiler makes up are numbered by {@link FreshNames}, per compiler.
 */
public final class Compiler {
    private final BuiltinRegistry builtins;
    private final RuleTree tree = new RuleTree();
    private final Map<String, List<Rule>> functions = new LinkedHashMap<>();
    private final DeclaredNames declared = new DeclaredNames();
    /** Names made up while compiling, numbered from 1 for each compiler (one compilation, or one query). */
    private final FreshNames fresh = new FreshNames();

    private boolean strict;
    /** Unsafe variables of the compilation's rule heads and bodies, reported after every rule was resolved. */
    private Problems unsafeHeads = new Problems();

    private Problems unsafeBodies = new Problems();
    private RegoVersion queryVersion = RegoVersion.V1;
    private InputSchemas schemas = InputSchemas.NONE;
    private RuleMetadata metadata = new RuleMetadata(List.of());

    public Compiler(BuiltinRegistry builtins) {
        this.builtins = builtins;
    }

    /** The dialect of queries (v1 unless set): a query against v0 policies may call v0's deprecated builtins. */
    public Compiler regoVersion(RegoVersion version) {
        this.queryVersion = version;
        return this;
    }

    /** JSON schemas of input (opa's --schema): references into input are checked against them. */
    public Compiler schemas(InputSchemas inputSchemas) {
        this.schemas = inputSchemas;
        return this;
    }

    /** With {@code opa check --strict}'s extra checks: unused function arguments and unused assignments are errors. */
    public Compiler strict(boolean on) {
        this.strict = on;
        return this;
    }

    /** The compiled form: the rule tree and the functions by dotted path ({@code data.lib.f}). */
    public record Compiled(RuleTree tree, Map<String, List<Rule>> functions, List<Module> modules) {}

    /**
     * Compiles in OPA's stages: local declarations, then conflicts between rules, then names and safety rule by rule,
     * then recursion. Each stage reports every error it finds and stops compilation when it found one; what
     * {@code --strict} adds (unused names) does not stop it, and is reported with the errors of a later stage.
     */
    public Compiled compile(List<Module> modules) {
        Problems declarations = new Problems();
        // What --strict refuses does not stop compilation: OPA reports it with the errors of the stages after it.
        Problems unused = new Problems();
        for (Module m : modules) {
            LocalDeclarations.check(m, declarations);
            if (strict) StrictChecks.check(m, unused);
        }
        declarations.throwWith(unused);
        Problems conflicts = new Problems();
        RuleConflicts.check(modules, conflicts);
        conflicts.throwWith(unused);
        for (Module m : modules) declared.declare(m);
        metadata = new RuleMetadata(modules);
        // Names are resolved before safety is checked (OPA's stages): unsafe variables are reported only when every
        // name resolved, so a call of an undefined function is not also reported as the unsafe variables it leaves.
        Problems problems = new Problems();
        Problems unsafe = new Problems();
        unsafeHeads = new Problems();
        unsafeBodies = new Problems();
        List<Module> compiled = new ArrayList<>();
        for (Module m : modules) {
            ModuleNames names = moduleNames(m);
            NameResolver resolver = new NameResolver(names, metadata);
            tree.node(RuleTree.strings(m.packagePath()));
            List<Rule> rules = new ArrayList<>();
            for (Rule r : m.rules()) {
                Rule c;
                try {
                    resolver.startRule(r);
                    c = compileRule(r, names, resolver);
                } catch (CompileErrors all) {
                    all.errors().forEach((all.code().equals("rego_unsafe_var_error") ? unsafe : problems)::add);
                    continue;
                } catch (PolicyException e) {
                    (e.code().equals("rego_unsafe_var_error") ? unsafe : problems).add(e);
                    continue;
                }
                rules.add(c);
                place(m, c);
            }
            compiled.add(m.withRules(rules));
        }
        problems.throwWith(unused);
        // OPA checks the heads of every rule before the bodies, and stops after the heads when one is unsafe.
        unsafeHeads.throwWith(unused);
        unsafe.throwWith(unused);
        unsafeBodies.throwWith(unused);
        try {
            RecursionCheck.check(tree, functions);
        } catch (PolicyException e) {
            Problems recursion = new Problems();
            if (e instanceof CompileErrors all) all.errors().forEach(recursion::add);
            else recursion.add(e);
            recursion.throwWith(unused);
        }
        Problems types = new Problems();
        TypeChecker.check(compiled, builtins, types, schemas);
        types.throwWith(unused);
        unused.throwIfAny();
        return new Compiled(tree, functions, compiled);
    }

    /** Compiles a query against already compiled policies (their functions and rule names under data). */
    public List<Literal> compileQueryWith(Compiled policy, List<Literal> query) {
        declared.declareFunctions(policy.functions());
        return compileQuery(query, null);
    }

    /** Resolves and orders a query; its top-level variables keep their names (they are the result bindings). */
    public List<Literal> compileQuery(List<Literal> query, Module context) {
        Problems declarations = new Problems();
        LocalDeclarations.checkQuery(query, declarations);
        declarations.throwIfAny();
        NameResolver resolver = new NameResolver(moduleNames(context), metadata);
        Scope scope = Scope.root(fresh, false);
        scope.declareTopLevel(query);
        List<Literal> body = resolver.body(query, scope);
        return BodyOrder.order(body, Set.of());
    }

    /** Resolves a term outside any rule (e.g. an input given as Rego text). */
    public Term compileTerm(Term term) {
        return new NameResolver(moduleNames(null), metadata).term(term, Scope.root(fresh, false));
    }

    private ModuleNames moduleNames(Module m) {
        return new ModuleNames(m, declared, builtins, queryVersion);
    }

    /** The rule's path under data when its head is ground up to its name and the names after it. */
    static List<String> fullPath(Module m, Rule r) {
        List<String> path = new ArrayList<>(m.packagePath());
        for (Term t : r.head()) {
            if (t instanceof Term.Scalar s && s.value() instanceof StringValue str) path.add(str.value());
            else break;
        }
        return path;
    }

    private void place(Module m, Rule r) {
        if (r.kind() == Rule.Kind.FUNCTION) {
            List<String> path = fullPath(m, r);
            functions
                    .computeIfAbsent("data." + String.join(".", path), k -> new ArrayList<>())
                    .add(r);
            tree.node(RuleTree.strings(path.subList(0, path.size() - 1)));
            return;
        }
        List<Value> path = RuleTree.strings(m.packagePath());
        for (Term t : r.head()) {
            if (!(t instanceof Term.Scalar s)) break;
            path.add(s.value());
        }
        tree.node(RuleTree.strings(m.packagePath()));
        tree.node(path).add(r);
    }

    private Rule compileRule(Rule r, ModuleNames names, NameResolver resolver) {
        if (r.args() != null) r = argumentsAsPatterns(r);
        // Declarations in a rule body are renamed from their declaration on, so a comprehension written before
        // `x := ...` has an x of its own, as in OPA.
        Scope scope = Scope.root(fresh, true);
        Set<String> argVars = new HashSet<>();
        if (r.args() != null) for (Term a : r.args()) Vars.all(a, argVars);
        scope.declared.addAll(argVars);
        scope.declareTopLevel(r.body());
        List<Term> args = null;
        if (r.args() != null) {
            args = new ArrayList<>();
            for (Term a : r.args()) args.add(resolver.term(a, scope));
        }
        List<Literal> resolved = resolver.body(r.body(), scope);
        // The head reads the body's variables, so it is resolved after the body (declarations renamed there).
        List<Term> head = new ArrayList<>();
        head.add(r.head().get(0));
        for (int i = 1; i < r.head().size(); i++)
            head.add(resolver.term(r.head().get(i), scope));
        Term value = r.value() == null ? null : resolver.term(r.value(), scope);
        Safety.check(r, names.source, resolved, argVars, head, value, unsafeHeads, unsafeBodies);
        List<Literal> body = BodyOrder.order(resolved, argVars);
        Rule elseRule = r.elseRule() == null
                ? null
                : compileRule(
                        r.elseRule()
                                .with(
                                        r.head(),
                                        r.args(),
                                        r.elseRule().value(),
                                        r.elseRule().body(),
                                        r.elseRule().elseRule()),
                        names,
                        resolver);
        return r.with(head, args, value, body, elseRule);
    }

    /**
     * Function arguments that are not patterns (templates, references, calls) become fresh variables compared in the
     * body, so that they are evaluated once the body has bound what they read.
     */
    private Rule argumentsAsPatterns(Rule r) {
        List<Term> args = new ArrayList<>();
        List<Literal> body = new ArrayList<>();
        for (Term a : r.args()) {
            if (isPattern(a)) {
                args.add(a);
                continue;
            }
            Term.Var v = new Term.Var(fresh.next("$arg"), a.span());
            args.add(v);
            body.add(new Literal(new Expr.Unify(v, a), false, List.of(), a.span()));
        }
        if (body.isEmpty()) return r;
        body.addAll(r.body());
        return r.with(r.head(), args, r.value(), body, r.elseRule());
    }

    private static boolean isPattern(Term t) {
        if (t instanceof Term.Var || t instanceof Term.Scalar) return true;
        if (t instanceof Term.ArrayTerm a) return a.elements().stream().allMatch(Compiler::isPattern);
        if (t instanceof Term.ObjectTerm o)
            return o.entries().stream().allMatch(e -> e.key() instanceof Term.Scalar && isPattern(e.value()));
        return false;
    }
}
