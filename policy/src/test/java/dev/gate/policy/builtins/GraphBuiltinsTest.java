package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;

import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {
    private static final String GRAPH =
            "{\"a\": [\"b\"], \"b\": {\"c\", \"d\"}, \"c\": [\"a\"], \"d\": [], \"x\": [\"y\"]}";

    @Test
    void reachableNodes() {
        assertCall("{\"a\", \"b\", \"c\", \"d\"}", "graph.reachable", GRAPH + ", [\"a\"]");
        assertCall("{\"d\", \"x\"}", "graph.reachable", GRAPH + ", {\"d\", \"x\", \"nope\"}");
        assertTypeError(
                "graph.reachable: operand 2 must be one of {set, array} but got string",
                "graph.reachable",
                GRAPH + ", \"a\"");
    }

    @Test
    void reachablePathsEndAtLeavesAndCyclesAndBeforeNodesMissingFromTheGraph() {
        assertCall("{[\"a\", \"b\", \"c\"], [\"a\", \"b\", \"d\"]}", "graph.reachable_paths", GRAPH + ", [\"a\"]");
        assertCall("{[\"x\"]}", "graph.reachable_paths", GRAPH + ", [\"x\"]");
        assertCall("{[\"d\"]}", "graph.reachable_paths", GRAPH + ", [\"d\"]");
        assertCall("{[\"a\", \"b\"]}", "graph.reachable_paths", "{\"a\": [\"b\"], \"b\": [\"a\", \"c\"]}, {\"a\"}");
    }

    @Test
    void traceIsAlwaysTrue() {
        assertCall("true", "trace", "\"note\"");
    }
}
