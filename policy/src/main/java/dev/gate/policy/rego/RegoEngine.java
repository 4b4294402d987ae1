package dev.gate.policy.rego;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinDeclaration;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.compile.Compiler;
import dev.gate.policy.compile.DataConflicts;
import dev.gate.policy.compile.InputSchemas;
import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.decision.RuleDocs;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.eval.Evaluator;
import dev.gate.policy.eval.Operators;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * gate's own Rego interpreter behind {@link PolicyEngine}: parse, compile, evaluate. Each query runs on a thread with
 * a large stack (deeply nested documents and rules recurse) and is bounded by the options' timeout.
 */
public final class RegoEngine implements PolicyEngine {
    private static final long STACK_BYTES = 512L * 1024 * 1024;

    private final BuiltinRegistry builtins;
    private final PrintStream printOut;
    private Compiler.Compiled compiled;
    private List<dev.gate.policy.ast.Module> parsed = List.of();
    private Outline outline = Outline.EMPTY;
    private RuleDocs docs = new RuleDocs(List.of());
    private Value data = ObjectValue.EMPTY;
    private RegoVersion regoVersion = RegoVersion.V1;
    private InputSchemas schemas = InputSchemas.NONE;
    private boolean dataConflictCheck = true;

    public RegoEngine() {
        this(System.err);
    }

    /** {@code printOut} receives the output of {@code print()} calls; null discards it. */
    public RegoEngine(PrintStream printOut) {
        this.builtins = standardBuiltins();
        this.printOut = printOut;
        this.compiled = new Compiler(builtins).compile(List.of());
    }

    /** Every builtin the engine knows: the families, the language's operators, and what the evaluator does itself. */
    public static BuiltinRegistry standardBuiltins() {
        BuiltinRegistry r = BuiltinRegistry.standard();
        Operators.register(r);
        engineBuiltin(r, "internal.member_2", "any", "any");
        engineBuiltin(r, "internal.member_3", "any", "any", "any");
        engineBuiltin(r, "walk", "any");
        engineBuiltin(r, "print");
        if (!r.contains("http.send")) {
            r.add(
                    new BuiltinDeclaration(
                            "http.send", List.of("object"), "object", "not available: gate evaluates policies offline"),
                    (ctx, a) -> {
                        dev.gate.policy.builtins.HttpSendRequests.check(a);
                        throw dev.gate.policy.builtins.BuiltinException.builtin(
                                "http.send", "not available: gate evaluates policies offline");
                    });
        }
        offline(r, "io.jwt.decode", "string");
        offline(r, "io.jwt.decode_verify", "string", "object");
        if (!r.contains("test.sleep")) {
            r.add(
                    new BuiltinDeclaration(
                            "test.sleep", List.of("string"), "null", "Sleeps for a duration (for tests)."),
                    (ctx, a) -> {
                        long nanos = dev.gate.policy.builtins.support.GoDuration.parseNanos(
                                dev.gate.policy.builtins.Operands.string("test.sleep", a, 1));
                        try {
                            Thread.sleep(nanos / 1_000_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return dev.gate.policy.value.NullValue.NULL;
                    });
        }
        return r;
    }

    private static void engineBuiltin(BuiltinRegistry r, String name, String... args) {
        if (r.contains(name)) return;
        r.add(new BuiltinDeclaration(name, List.of(args), "any", "evaluated by the engine"), (ctx, a) -> {
            throw new IllegalStateException(name + " is evaluated by the engine");
        });
    }

    /** Builtins that need the network exist (so policies compile and tests can mock them) but refuse to run. */
    private static void offline(BuiltinRegistry r, String name, String... args) {
        if (r.contains(name)) return;
        r.add(
                new BuiltinDeclaration(name, List.of(args), "any", "not available: gate evaluates policies offline"),
                (ctx, a) -> {
                    throw dev.gate.policy.builtins.BuiltinException.builtin(
                            name, "not available: gate evaluates policies offline");
                });
    }

    public BuiltinRegistry builtins() {
        return builtins;
    }

    @Override
    public void load(List<PolicyEngine.Module> modules, Value data) {
        load(modules, data, false);
    }

    /**
     * The dialect modules are read in (v1 unless set) when they do not name their own; a module importing rego.v1 is
     * v1 whatever this says.
     */
    public RegoEngine regoVersion(RegoVersion version) {
        this.regoVersion = version;
        return this;
    }

    /** JSON schemas of input, as opa's --schema: type errors against them are compile errors. */
    public RegoEngine schemas(InputSchemas inputSchemas) {
        this.schemas = inputSchemas;
        return this;
    }

    /** As {@link #load(List, Value)}; {@code strict} adds the checks of {@code opa check --strict}. */
    public void load(List<PolicyEngine.Module> modules, Value data, boolean strict) {
        List<dev.gate.policy.ast.Module> ms = new ArrayList<>();
        for (PolicyEngine.Module m : modules) {
            ms.add(Parser.parseModule(
                    new Source(m.fileName(), m.source()), m.version() != null ? m.version() : regoVersion));
        }
        this.compiled = new Compiler(builtins).strict(strict).schemas(schemas).compile(ms);
        this.parsed = ms;
        this.outline = SourceOutline.of(ms);
        this.docs = new RuleDocs(ms);
        this.data = data == null ? ObjectValue.EMPTY : data;
        if (dataConflictCheck) DataConflicts.check(compiled, this.data);
    }

    /**
     * Whether rules may not sit where the base documents loaded with them already have a value (on by default, as in
     * {@code opa eval -d}); OPA's conformance cases are run without the check, as OPA runs them.
     */
    public RegoEngine dataConflictCheck(boolean on) {
        this.dataConflictCheck = on;
        return this;
    }

    /** The compiled modules, for tools that inspect rules (decisions, tests). */
    public Compiler.Compiled compiled() {
        return compiled;
    }

    public List<dev.gate.policy.ast.Module> modules() {
        return parsed;
    }

    @Override
    public Outline outline() {
        return outline;
    }

    @Override
    public RuleDoc ruleDoc(String pkg, String rule) {
        return docs.of(pkg, rule);
    }

    @Override
    public CoverageReport coverage(Coverage hits) {
        return CoverageReport.of(parsed, hits);
    }

    @Override
    public List<ResultRow> evaluate(String query, Value input, Options options) {
        return evaluate(query, input, options, null);
    }

    @Override
    public List<ResultRow> evaluate(String query, Value input, Options options, Coverage coverage) {
        List<Literal> body = new Compiler(builtins)
                .regoVersion(regoVersion)
                .compileQueryWith(compiled, Parser.parseQuery(new Source("query", query)));
        List<Evaluator.Solution> solutions = run(body, input, options, coverage);
        List<ResultRow> rows = new ArrayList<>();
        for (Evaluator.Solution s : solutions) rows.add(new ResultRow(s.expressions(), s.bindings()));
        return rows;
    }

    /** Evaluates a Rego term written as text (an input given as {@code input_term}) to a value. */
    public Value evaluateTerm(String text) {
        Term term = Parser.parseTerm(new Source("input", text));
        List<ResultRow> rows = evaluateCompiled(term);
        return rows.isEmpty() ? null : rows.get(0).bindings().get("x");
    }

    private List<ResultRow> evaluateCompiled(Term term) {
        Literal l = new Literal(
                new dev.gate.policy.ast.Expr.Unify(new Term.Var("x", term.span()), term),
                false,
                List.of(),
                term.span());
        List<Literal> body = new Compiler(builtins).compileQueryWith(compiled, List.of(l));
        List<ResultRow> rows = new ArrayList<>();
        for (Evaluator.Solution s : run(body, null, Options.defaults(), null))
            rows.add(new ResultRow(s.expressions(), s.bindings()));
        return rows;
    }

    private List<Evaluator.Solution> run(List<Literal> body, Value input, Options options, Coverage coverage) {
        long timeoutNanos = options.timeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        BuiltinContext context = BuiltinContext.bounded(
                Instant.now(),
                deadline,
                () -> new PolicyException("eval_cancel_error", "evaluation exceeded its time limit", null));
        Evaluator evaluator = new Evaluator(
                        compiled, builtins, input, data, options.strictBuiltinErrors(), deadline, context, printOut)
                .recordingCoverage(coverage);
        FutureTask<List<Evaluator.Solution>> task = new FutureTask<>(() -> evaluator.query(body));
        Thread thread = new Thread(null, task, "rego-eval", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeoutNanos + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new PolicyException(
                    "eval_cancel_error",
                    "evaluation exceeded its time limit of " + options.timeout().toMillis() + " ms",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyException("eval_cancel_error", "evaluation interrupted", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PolicyException pe) throw pe;
            if (cause instanceof StackOverflowError)
                throw new PolicyException("eval_error", "evaluation nested too deeply", null);
            throw new PolicyException("eval_internal_error", String.valueOf(cause), null);
        }
    }
}
