package dev.gate.policy.compile;

import dev.gate.policy.ast.Rule;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The virtual part of {@code data}: one node per ground path element (packages, then the ground prefix of each rule
 * head). A node holds the rules whose ground prefix ends there; a rule with variables in its head (object rules,
 * {@code a.b[x].c}) produces keys below its node at evaluation time.
 */
public final class RuleTree {

    /** A node of the tree; {@code path} is its location under {@code data}. */
    public static final class Node {
        private final List<Value> path;
        private final Map<Value, Node> children = new TreeMap<>();
        private final List<Rule> rules = new ArrayList<>();

        Node(List<Value> path) {
            this.path = List.copyOf(path);
        }

        public List<Value> path() {
            return path;
        }

        public Map<Value, Node> children() {
            return Collections.unmodifiableMap(children);
        }

        public List<Rule> rules() {
            return Collections.unmodifiableList(rules);
        }

        public Node child(Value key) {
            return children.get(key);
        }

        public boolean hasRules() {
            return !rules.isEmpty();
        }

        /** Whether any rule lives at or below this node (packages with rules make objects even when empty). */
        public boolean hasRulesBelow() {
            if (hasRules()) return true;
            for (Node c : children.values()) if (c.hasRulesBelow()) return true;
            return false;
        }

        Node childOrCreate(Value key) {
            return children.computeIfAbsent(key, k -> {
                List<Value> p = new ArrayList<>(path);
                p.add(k);
                return new Node(p);
            });
        }

        void add(Rule rule) {
            rules.add(rule);
        }
    }

    private final Node root = new Node(List.of());

    public Node root() {
        return root;
    }

    /** The node at a path of plain names, creating it. */
    Node node(List<Value> path) {
        Node n = root;
        for (Value v : path) n = n.childOrCreate(v);
        return n;
    }

    /** The node at a path if it exists. */
    public Node find(List<Value> path) {
        Node n = root;
        for (Value v : path) {
            n = n.child(v);
            if (n == null) return null;
        }
        return n;
    }

    static List<Value> strings(List<String> names) {
        List<Value> out = new ArrayList<>(names.size());
        for (String n : names) out.add(StringValue.of(n));
        return out;
    }
}
