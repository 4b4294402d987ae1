package dev.gate.policy.bench;

import dev.gate.policy.DataFiles;
import dev.gate.policy.Policies;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark harness (not a test): loads policies (Rego, or an OPA wasm bundle) once, decides the same input repeatedly
 * after a warm-up, and prints the median, minimum and maximum time per decision.
 * Usage: PolicyBench POLICY INPUT DATA [WARMUP] [RUNS].
 */
public final class PolicyBench {
    private PolicyBench() {}

    public static void main(String[] args) throws Exception {
        Path policy = Path.of(args[0]);
        Path input = Path.of(args[1]);
        List<Path> data = args.length > 2 ? List.of(Path.of(args[2])) : List.of();
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        Policies set = Policies.load(List.of(policy), data, Policies.Engine.AUTO, null);
        Value doc = DataFiles.parse(input, Files.readAllBytes(input));
        Decision d = null;
        for (int i = 0; i < warmup; i++) d = set.decide(doc, Optional.empty(), Duration.ofSeconds(30));
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            d = set.decide(doc, Optional.empty(), Duration.ofSeconds(30));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        List<String> parts = new ArrayList<>();
        parts.add(String.format("median %.2f ms", nanos[runs / 2] / 1e6));
        parts.add(String.format("min %.2f ms", nanos[0] / 1e6));
        parts.add(String.format("max %.2f ms", nanos[runs - 1] / 1e6));
        System.out.println(set.engineInfo().engine() + " decision per evaluation: " + String.join(", ", parts) + " ("
                + runs + " runs after " + warmup + " warm-up; " + d.failures().size() + " failures, "
                + d.warnings().size() + " warnings)");
    }
}
