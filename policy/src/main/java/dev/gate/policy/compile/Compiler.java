package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns parsed modules into something the evaluator can run: names resolved (rule names and import aliases become
 * {@code data}/{@code input} references, calls point at a builtin or a function), variables declared in nested
 * bodies renamed apart, bodies put in a safe order, and rules placed in the {@link RuleTree}.
 */
public final class Compiler {
    static final AtomicLong RENAMES = new AtomicLong();

    private final BuiltinRegistry builtins;
    private final RuleTree tree = new RuleTree();
    private final Map<String, List<Rule>> functions = new LinkedHashMap<>();
    private final Map<String, Integer> functionArity = new HashMap<>();
    private final Set<String> valueRulePaths = new HashSet<>();
    /** Rule names per package over every module: a package split across files is one namespace. */
    private final Map<List<String>, Set<String>> packageRuleNames = new HashMap<>();

    private boolean strict;
    private RegoVersion queryVersion = RegoVersion.V1;
    private InputSchemas schemas = InputSchemas.NONE;
    private RuleMetadata metadata = new RuleMetadata(List.of());

    public Compiler(BuiltinRegistry builtins) { this.builtins = builtins; }

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
     * then recursion. Each stage reports every error it finds and stops compilation when it found one.
     */
    public Compiled compile(List<Module> modules) {
        Problems declarations = new Problems();
        for (Module m : modules) {
            LocalDeclarations.check(m, declarations);
            if (strict) StrictChecks.check(m, declarations);
        }
        declarations.throwIfAny();
        Problems conflicts = new Problems();
        RuleConflicts.check(modules, conflicts);
        conflicts.throwIfAny();
        for (Module m : modules) declare(m);
        metadata = new RuleMetadata(modules);
        // Names are resolved before safety is checked (OPA's stages): unsafe variables are reported only when every
        // name resolved, so a call of an undefined function is not also reported as the unsafe variables it leaves.
        Problems problems = new Problems();
        Problems unsafe = new Problems();
        List<Module> compiled = new ArrayList<>();
        for (Module m : modules) {
            ModuleContext ctx = new ModuleContext(m);
            tree.node(RuleTree.strings(m.packagePath()));
            List<Rule> rules = new ArrayList<>();
            for (Rule r : m.rules()) {
                Rule c;
                try {
                    ctx.rule = r;
                    c = compileRule(r, ctx);
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
        problems.throwIfAny();
        unsafe.throwIfAny();
        RecursionCheck.check(tree, functions);
        Problems types = new Problems();
        TypeChecker.check(compiled, builtins, types, schemas);
        types.throwIfAny();
        return new Compiled(tree, functions, compiled);
    }

    /** Compiles a query against already compiled policies (their functions and rule names under data). */
    public List<Literal> compileQueryWith(Compiled policy, List<Literal> query) {
        for (Map.Entry<String, List<Rule>> f : policy.functions().entrySet()) {
            functionArity.put(f.getKey(), f.getValue().get(0).args().size());
        }
        return compileQuery(query, null);
    }

    /** Resolves and orders a query; its top-level variables keep their names (they are the result bindings). */
    public List<Literal> compileQuery(List<Literal> query, Module context) {
        Problems declarations = new Problems();
        LocalDeclarations.checkQuery(query, declarations);
        declarations.throwIfAny();
        ModuleContext ctx = context == null ? new ModuleContext(null) : new ModuleContext(context);
        Scope scope = new Scope(null, false);
        declareTopLevel(query, scope);
        List<Literal> body = ctx.body(query, scope);
        return BodyOrder.order(body, Set.of());
    }

    /** Resolves a term outside any rule (e.g. an input given as Rego text). */
    public Term compileTerm(Term term) {
        return new ModuleContext(null).term(term, new Scope(null, false));
    }

    private void declare(Module m) {
        Set<String> names = packageRuleNames.computeIfAbsent(m.packagePath(), k -> new HashSet<>());
        for (Rule r : m.rules()) {
            names.add(r.name());
            List<String> path = fullPath(m, r);
            String dotted = "data." + String.join(".", path);
            if (r.kind() == Rule.Kind.FUNCTION) {
                functionArity.putIfAbsent(dotted, r.args().size()); // one arity per name: RuleConflicts checked it
            } else {
                valueRulePaths.add(dotted);
            }
        }
        for (String f : functionArity.keySet()) {
            if (valueRulePaths.contains(f)) throw new PolicyException("rego_type_error", "conflicting rules " + f + " found", null);
        }
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
            functions.computeIfAbsent("data." + String.join(".", path), k -> new ArrayList<>()).add(r);
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

    private Rule compileRule(Rule r, ModuleContext ctx) {
        if (r.args() != null) r = argumentsAsPatterns(r);
        // Declarations in a rule body are renamed from their declaration on, so a comprehension written before
        // `x := ...` has an x of its own, as in OPA.
        Scope scope = new Scope(null, true);
        Set<String> argVars = new HashSet<>();
        if (r.args() != null) for (Term a : r.args()) Vars.all(a, argVars);
        scope.declared.addAll(argVars);
        declareTopLevel(r.body(), scope);
        List<Term> args = null;
        if (r.args() != null) {
            args = new ArrayList<>();
            for (Term a : r.args()) args.add(ctx.term(a, scope));
        }
        List<Literal> resolved = ctx.body(r.body(), scope);
        // The head reads the body's variables, so it is resolved after the body (declarations renamed there).
        List<Term> head = new ArrayList<>();
        head.add(r.head().get(0));
        for (int i = 1; i < r.head().size(); i++) head.add(ctx.term(r.head().get(i), scope));
        Term value = r.value() == null ? null : ctx.term(r.value(), scope);
        Safety.check(r, ctx.source, resolved, argVars, head, value);
        List<Literal> body = BodyOrder.order(resolved, argVars);
        Rule elseRule = r.elseRule() == null ? null : compileRule(r.elseRule().with(r.head(), r.args(), r.elseRule().value(),
                r.elseRule().body(), r.elseRule().elseRule()), ctx);
        return r.with(head, args, value, body, elseRule);
    }

    /**
     * Function arguments that are not patterns (templates, references, calls) become fresh variables compared in the
     * body, so that they are evaluated once the body has bound what they read.
     */
    private static Rule argumentsAsPatterns(Rule r) {
        List<Term> args = new ArrayList<>();
        List<Literal> body = new ArrayList<>();
        for (Term a : r.args()) {
            if (isPattern(a)) { args.add(a); continue; }
            Term.Var v = new Term.Var("$arg" + RENAMES.incrementAndGet(), a.span());
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
        if (t instanceof Term.ObjectTerm o) return o.entries().stream().allMatch(e -> e.key() instanceof Term.Scalar && isPattern(e.value()));
        return false;
    }

    /** Variables a body declares at its own level with {@code :=} or {@code some}: they shadow rule names. */
    private static void declareTopLevel(List<Literal> body, Scope scope) {
        for (Literal l : body) {
            if (l.expr() instanceof Expr.Assign a) {
                Vars.patternVars(a.left(), scope.declared);
                shadowedRoots(a.left(), scope);
            }
            else if (l.expr() instanceof Expr.SomeVars s) for (Term.Var v : s.vars()) scope.declared.add(v.name());
            else if (l.expr() instanceof Expr.SomeIn s) {
                if (s.key() != null) Vars.patternVars(s.key(), scope.declared);
                Vars.patternVars(s.value(), scope.declared);
            }
        }
    }

    /**
     * A v0 body may assign a local named input or data (v1 refuses it); from then on the name is that local, so it
     * gets a name of its own that cannot be read as the root document.
     */
    private static void shadowedRoots(Term pattern, Scope scope) {
        if (pattern instanceof Term.Var v && Vars.isRoot(v.name())) {
            scope.renamed.put(v.name(), v.name() + "$" + RENAMES.incrementAndGet());
        } else if (pattern instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) shadowedRoots(e, scope);
        } else if (pattern instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) shadowedRoots(e.value(), scope);
        }
    }

    /** Resolution of names inside one module. */
    private final class ModuleContext {
        private final List<String> pkg;
        private final dev.gate.policy.syntax.Source source;
        private final Set<String> ruleNames = new HashSet<>();
        private final Map<String, List<String>> imports = new HashMap<>();
        private final Module module;
        /** The rule being compiled (the first of an else chain): what rego.metadata calls describe. */
        private Rule rule;
        /**
         * {@code import future.keywords.not} (or all of {@code future.keywords}) asks for OPA's newer negation, whose
         * operands are evaluated inside it: an undefined one makes the negation true rather than the body undefined.
         */
        private final boolean negationKeepsOperands;

        ModuleContext(Module m) {
            this.module = m;
            this.negationKeepsOperands = m != null && m.imports().stream().anyMatch(i -> i.path().equals(List.of("future", "keywords"))
                    || i.path().equals(List.of("future", "keywords", "not")) || i.path().equals(List.of("rego", "v2")));
            this.pkg = m == null ? List.of() : m.packagePath();
            this.source = m == null ? null : m.source();
            if (m == null) return;
            ruleNames.addAll(packageRuleNames.getOrDefault(m.packagePath(), Set.of()));
            for (Rule r : m.rules()) ruleNames.add(r.name());
            for (Module.Import i : m.imports()) {
                String root = i.path().get(0);
                if (root.equals("data") || root.equals("input")) imports.put(i.alias(), i.path());
            }
        }

        List<Literal> body(List<Literal> body, Scope scope) {
            List<Literal> out = new ArrayList<>(body.size());
            for (Literal l : body) out.add(literal(l, scope));
            return negationKeepsOperands ? out : NegatedOperands.hoist(out);
        }

        private Literal literal(Literal l, Scope scope) {
            List<Literal.With> withs = new ArrayList<>();
            for (Literal.With w : l.withs()) withs.add(new Literal.With(withTarget(w.target()), withValue(w.value(), scope), w.span()));
            return new Literal(expression(l.expr(), scope), l.negated(), withs, l.span());
        }

        private Expr expression(Expr expr, Scope scope) {
            if (expr instanceof Expr.TermExpr t) return new Expr.TermExpr(term(t.term(), scope));
            if (expr instanceof Expr.Unify u) return new Expr.Unify(term(u.left(), scope), term(u.right(), scope));
            if (expr instanceof Expr.Assign a) {
                Term right = term(a.right(), scope);
                if (scope.nested) Vars.patternVars(a.left(), null).forEach(scope::declareNested);
                return new Expr.Assign(term(a.left(), scope), right);
            }
            if (expr instanceof Expr.SomeVars s) {
                List<Term.Var> vars = new ArrayList<>();
                for (Term.Var v : s.vars()) {
                    if (scope.nested) scope.declareNested(v.name());
                    vars.add((Term.Var) term(v, scope));
                }
                return new Expr.SomeVars(vars);
            }
            if (expr instanceof Expr.SomeIn s) {
                Term coll = term(s.collection(), scope);
                if (scope.nested) {
                    if (s.key() != null) Vars.patternVars(s.key(), null).forEach(scope::declareNested);
                    Vars.patternVars(s.value(), null).forEach(scope::declareNested);
                }
                return new Expr.SomeIn(s.key() == null ? null : term(s.key(), scope), term(s.value(), scope), coll);
            }
            if (expr instanceof Expr.Logical g) {
                List<List<Literal>> operands = new ArrayList<>();
                for (List<Literal> operand : g.operands()) operands.add(body(operand, new Scope(scope, true)));
                return new Expr.Logical(g.op(), operands);
            }
            Expr.Every ev = (Expr.Every) expr;
            Term domain = term(ev.domain(), scope);
            Scope inner = new Scope(scope, true);
            if (ev.key() != null) Vars.patternVars(ev.key(), null).forEach(inner::declareNested);
            Vars.patternVars(ev.value(), null).forEach(inner::declareNested);
            Term key = ev.key() == null ? null : term(ev.key(), inner);
            Term value = term(ev.value(), inner);
            return new Expr.Every(key, value, domain, body(ev.body(), inner));
        }

        private Term withTarget(Term target) {
            String name = dottedName(target);
            if (name == null) throw error(target.span(), "invalid with target");
            String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (root.equals("input") || root.equals("data")) {
                CallTarget fn = root.equals("data") ? functionTarget(name) : null;
                if (fn != null) return new Term.FunctionRef(name, fn, target.span());
                return target;
            }
            String qualified = qualify(name);
            if (qualified.startsWith("data.") && functionTarget(qualified) == null) {
                // A rule of the package (or an imported document) named without data: the same target as data.p.q.
                return ref(List.of(qualified.split("\\.")), target.span());
            }
            CallTarget fn = resolveCall(name, target.span(), -1);
            return new Term.FunctionRef(name, fn, target.span());
        }

        /** A with value naming a function or builtin replaces it; any other value is a term. */
        private Term withValue(Term value, Scope scope) {
            String name = dottedName(value);
            if (name != null && scope.lookup(name.split("\\.")[0]) == null) {
                CallTarget fn = tryResolveCall(name);
                if (fn != null) return new Term.FunctionRef(name, fn, value.span());
            }
            return term(value, scope);
        }

        Term term(Term t, Scope scope) {
            if (t instanceof Term.Var v) return variable(v, scope);
            if (t instanceof Term.Ref r) {
                Term head = term(r.head(), scope);
                List<Term> path = new ArrayList<>();
                if (head instanceof Term.Ref hr) {
                    path.addAll(hr.path());
                    head = hr.head();
                }
                for (Term e : r.path()) path.add(term(e, scope));
                return new Term.Ref(head, path, r.span());
            }
            if (t instanceof Term.ArrayTerm a) return new Term.ArrayTerm(terms(a.elements(), scope), a.span());
            if (t instanceof Term.SetTerm s) return new Term.SetTerm(terms(s.elements(), scope), s.span());
            if (t instanceof Term.ObjectTerm o) {
                List<Term.Entry> entries = new ArrayList<>();
                for (Term.Entry e : o.entries()) entries.add(new Term.Entry(term(e.key(), scope), term(e.value(), scope)));
                return new Term.ObjectTerm(entries, o.span());
            }
            if (t instanceof Term.Call c && rule != null && RuleMetadata.isCall(c)) {
                return new Term.Scalar(metadata.valueOf(c, module, rule), c.span());
            }
            if (t instanceof Term.Call c) {
                CallTarget target = resolveCall(c.name(), c.span(), c.args().size());
                return new Term.Call(c.name(), terms(c.args(), scope), c.span(), target);
            }
            if (t instanceof Term.ArrayComprehension c) {
                Scope inner = new Scope(scope, true);
                List<Literal> body = body(c.body(), inner);
                return new Term.ArrayComprehension(term(c.head(), inner), body, c.span());
            }
            if (t instanceof Term.SetComprehension c) {
                Scope inner = new Scope(scope, true);
                List<Literal> body = body(c.body(), inner);
                return new Term.SetComprehension(term(c.head(), inner), body, c.span());
            }
            if (t instanceof Term.ObjectComprehension c) {
                Scope inner = new Scope(scope, true);
                List<Literal> body = body(c.body(), inner);
                return new Term.ObjectComprehension(term(c.key(), inner), term(c.value(), inner), body, c.span());
            }
            if (t instanceof Term.Template tp) {
                List<Object> parts = new ArrayList<>();
                for (Object part : tp.parts()) parts.add(part instanceof Literal l ? literal(l, scope) : part);
                return new Term.Template(parts, tp.span());
            }
            return t;
        }

        private List<Term> terms(List<Term> ts, Scope scope) {
            List<Term> out = new ArrayList<>(ts.size());
            for (Term t : ts) out.add(term(t, scope));
            return out;
        }

        private Term variable(Term.Var v, Scope scope) {
            String name = v.name();
            String local = scope.lookup(name);
            if (local != null) return local.equals(name) ? v : new Term.Var(local, v.span());
            if (name.equals("input") || name.equals("data") || v.isGenerated()) return v;
            List<String> imported = imports.get(name);
            if (imported != null) return ref(imported, v.span());
            if (ruleNames.contains(name)) {
                List<String> path = new ArrayList<>();
                path.add("data");
                path.addAll(pkg);
                path.add(name);
                return ref(path, v.span());
            }
            return v;
        }

        private CallTarget resolveCall(String name, Span span, int argCount) {
            CallTarget target = tryResolveCall(name);
            if (target == null) {
                String full = qualify(name);
                if (full.startsWith("data.") && valueRulePaths.contains(full)) throw error(span, full + " is not a function");
                throw new PolicyException("rego_type_error", describe(span, "undefined function " + name), location(span));
            }
            if (target instanceof CallTarget.Builtin && BuiltinRegistry.isDeprecated(name) && !readsV0()) {
                throw new PolicyException("rego_type_error", describe(span, "deprecated built-in function calls in expression: " + name),
                        location(span));
            }
            if (argCount >= 0) {
                int arity = target instanceof CallTarget.Builtin b ? b.arity() : ((CallTarget.Function) target).arity();
                if (argCount != arity && argCount != arity + 1 && !isVariadic(name)) {
                    throw new PolicyException("rego_type_error", describe(span, name + ": arity mismatch: " + arity
                            + " argument" + (arity == 1 ? "" : "s") + " expected, got " + argCount), location(span));
                }
            }
            return target;
        }

        /** A v0 module (or a query against v0 policies) may call what OPA deprecated. */
        private boolean readsV0() { return (module != null ? module.regoVersion() : queryVersion) == RegoVersion.V0; }

        private CallTarget tryResolveCall(String name) {
            String full = qualify(name);
            if (full.startsWith("data.")) return functionTarget(full);
            BuiltinRegistry.Entry entry = builtins.get(name);
            return entry == null ? null : new CallTarget.Builtin(name, entry.decl().arity());
        }

        private CallTarget functionTarget(String dotted) {
            Integer arity = functionArity.get(dotted);
            if (arity == null) return null;
            return new CallTarget.Function(List.of(dotted.substring("data.".length()).split("\\.")), arity);
        }

        /** Expands a name's first segment through imports and package rule names. */
        private String qualify(String name) {
            String[] parts = name.split("\\.", 2);
            String rest = parts.length > 1 ? "." + parts[1] : "";
            List<String> imported = imports.get(parts[0]);
            if (imported != null) return String.join(".", imported) + rest;
            if (ruleNames.contains(parts[0]) || functionArity.containsKey("data." + String.join(".", pkg) + "." + parts[0])) {
                return "data." + String.join(".", pkg) + "." + name;
            }
            return name;
        }

        private PolicyException error(Span span, String message) {
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

    private static boolean isVariadic(String name) { return name.equals("print"); }

    static Term ref(List<String> path, Span span) {
        List<Term> elems = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) elems.add(new Term.Scalar(StringValue.of(path.get(i)), span));
        Term.Var head = new Term.Var(path.get(0), span);
        return elems.isEmpty() ? head : new Term.Ref(head, elems, span);
    }

    /** {@code a.b.c} for a variable or a reference of names, else null. */
    static String dottedName(Term t) {
        if (t instanceof Term.Var v) return v.name();
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
            StringBuilder sb = new StringBuilder(v.name());
            for (Term e : r.path()) {
                if (!(e instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) return null;
                sb.append('.').append(str.value());
            }
            return sb.toString();
        }
        return null;
    }
}
