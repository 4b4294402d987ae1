package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/** graph.reachable and graph.reachable_paths over an object mapping each node to an array or set of neighbours. */
final class Graphs {
    static final BuiltinDeclaration REACHABLE = BuiltinDeclaration.of(
            "graph.reachable",
            "set",
            "The nodes of the graph reachable from the initial nodes (those nodes included when in the graph).",
            "object",
            "array|set");
    static final BuiltinDeclaration REACHABLE_PATHS = BuiltinDeclaration.of(
            "graph.reachable_paths",
            "set",
            "Every path from the initial nodes to where it ends or would revisit a node.",
            "object",
            "array|set");

    private Graphs() {}

    static void register(BuiltinRegistry r) {
        r.add(REACHABLE, (ctx, args) -> reachable(ctx, args));
        r.add(REACHABLE_PATHS, (ctx, args) -> reachablePaths(ctx, args));
    }

    private static List<Value> neighbours(Value edges) {
        if (edges instanceof ArrayValue a) return a.elements();
        if (edges instanceof SetValue s) return List.copyOf(s.elements());
        return List.of();
    }

    private static Value reachable(BuiltinContext ctx, List<Value> args) {
        ObjectValue graph = Operands.object(REACHABLE.name(), args, 1);
        Deque<Value> queue = new ArrayDeque<>(Values.elementsOfArrayOrSet(REACHABLE.name(), args, 2, "set", "array"));
        TreeSet<Value> reached = new TreeSet<>();
        while (!queue.isEmpty()) {
            ctx.checkDeadline();
            Value node = queue.poll();
            Value edges = graph.get(node);
            if (edges == null || !reached.add(node)) continue;
            for (Value n : neighbours(edges)) if (!reached.contains(n)) queue.add(n);
        }
        return SetValue.of(reached);
    }

    private static Value reachablePaths(BuiltinContext ctx, List<Value> args) {
        ObjectValue graph = Operands.object(REACHABLE_PATHS.name(), args, 1);
        TreeSet<Value> paths = new TreeSet<>();
        for (Value start : Values.elementsOfArrayOrSet(REACHABLE_PATHS.name(), args, 2, "set", "array")) {
            if (graph.get(start) != null) walk(ctx, graph, new LinkedHashSet<>(List.of(start)), start, paths);
        }
        return SetValue.of(paths);
    }

    /**
     * Depth first along paths without repeated nodes: a path is reported where it meets a node already on it, where
     * a node has no neighbours, and where a neighbour is not in the graph (that neighbour left out, as OPA 1.22 does).
     */
    private static void walk(
            BuiltinContext ctx, ObjectValue graph, LinkedHashSet<Value> path, Value node, TreeSet<Value> out) {
        ctx.checkDeadline();
        List<Value> next = neighbours(graph.get(node));
        if (next.isEmpty()) out.add(ArrayValue.of(new ArrayList<>(path)));
        for (Value n : next) {
            if (path.contains(n)) {
                out.add(ArrayValue.of(new ArrayList<>(path)));
                continue;
            }
            if (graph.get(n) == null) {
                out.add(ArrayValue.of(new ArrayList<>(path)));
                continue;
            }
            path.add(n);
            walk(ctx, graph, path, n, out);
            path.remove(n);
        }
    }
}
