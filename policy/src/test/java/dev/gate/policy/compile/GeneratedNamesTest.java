package dev.gate.policy.compile;

import static dev.gate.policy.compile.Compiling.compile;
import static dev.gate.policy.compile.Compiling.parse;
import static dev.gate.policy.compile.Compiling.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Term;
import dev.gate.policy.rego.RegoEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Names the compiler makes up (locals of nested scopes renamed apart, hoisted operands of negations, function
 * arguments that are not patterns) and the parser's wildcards: numbered per compilation, so the same modules always
 * compile to the same rules, in any thread.
 */
class GeneratedNamesTest {

    private static final String[] SOURCES = {
        "package p\n\nq := [[y | some y in input.a], [y | some y in input.b]] if x := 1\n\n"
                + "deny if not startswith(input.name, \"a\")\n\nf(input.key) := 1\n\nall := {k | input.m[k][_]}\n",
        "package p\n\nr := count(q)\n"
    };

    @Test
    void theSameNameDeclaredInTwoComprehensionsIsRenamedApart() {
        Compiler.Compiled c = compile(SOURCES);
        Term.ArrayTerm value = (Term.ArrayTerm) rule(c, "q").value();
        String first = ((Term.Var) ((Term.ArrayComprehension) value.elements().get(0)).head()).name();
        String second = ((Term.Var) ((Term.ArrayComprehension) value.elements().get(1)).head()).name();
        assertTrue(first.startsWith("y$") && second.startsWith("y$"), first + " " + second);
        assertNotEquals(first, second);
    }

    @Test
    void compilingTheSameModulesTwiceGivesTheSameRules() {
        List<Module> modules = parse(SOURCES);
        List<Module> once =
                new Compiler(RegoEngine.standardBuiltins()).compile(modules).modules();
        List<Module> again =
                new Compiler(RegoEngine.standardBuiltins()).compile(modules).modules();
        String text = once.toString();
        assertTrue(
                text.contains("name=y$")
                        && text.contains("name=$not")
                        && text.contains("name=$arg")
                        && text.contains("name=$_"),
                "the modules make up names of every kind");
        assertEquals(once, again);
    }

    @Test
    void compilationsInParallelThreadsDoNotShareTheirCounters() throws Exception {
        List<Module> expected = compile(SOURCES).modules();
        int threads = 2;
        CyclicBarrier start = new CyclicBarrier(threads);
        Callable<List<List<Module>>> work = () -> {
            start.await();
            List<List<Module>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) results.add(compile(SOURCES).modules());
            return results;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<Module>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) futures.add(pool.submit(work));
            for (Future<List<List<Module>>> f : futures) {
                for (List<Module> compiled : f.get()) assertEquals(expected, compiled);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
