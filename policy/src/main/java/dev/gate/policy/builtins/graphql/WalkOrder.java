package dev.gate.policy.builtins.graphql;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Errors in the order OPA's validator reports them. It walks the operations, then the fragment definitions, each
 * node after what it holds (a field after its arguments' values, directives and selections; an operation after its
 * selections, its variable definitions before them), entering a spread fragment once per operation; a node inside
 * a fragment is thus met once for each operation spreading it and once more for the fragment itself, and its errors
 * are reported each time.
 */
final class WalkOrder {
    private final Map<Node<?>, List<OpaError>> byAnchor = new IdentityHashMap<>();
    private Map<String, FragmentDefinition> fragments;
    private final Set<OpaError> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<OpaError> out = new ArrayList<>();
    private Set<String> entered = new HashSet<>();
    private OperationDefinition operation;

    private WalkOrder(List<OpaError> errors) {
        List<OpaError> byRule = new ArrayList<>(errors);
        byRule.sort(Comparator.comparing(OpaError::rule));
        for (OpaError e : byRule) {
            if (e.anchor() != null)
                byAnchor.computeIfAbsent(e.anchor(), k -> new ArrayList<>()).add(e);
        }
    }

    static List<OpaError> order(Document query, List<OpaError> errors) {
        WalkOrder walk = new WalkOrder(errors);
        walk.walk(query);
        for (OpaError e : errors) {
            if (!walk.reported.contains(e)) walk.out.add(e);
        }
        return walk.out;
    }

    private void walk(Document query) {
        fragments = FragmentMessages.byName(query);
        for (OperationDefinition op : query.getDefinitionsOfType(OperationDefinition.class)) {
            operation = op;
            entered = new HashSet<>();
            for (VariableDefinition v : op.getVariableDefinitions()) visit(v);
            for (VariableDefinition v : op.getVariableDefinitions()) {
                if (v.getDefaultValue() != null) value(v.getDefaultValue());
                directives(v.getDirectives());
            }
            directives(op.getDirectives());
            selections(op.getSelectionSet());
            visit(op);
        }
        operation = null;
        for (Definition<?> d : query.getDefinitions()) {
            if (!(d instanceof FragmentDefinition f)) continue;
            entered = new HashSet<>();
            directives(f.getDirectives());
            selections(f.getSelectionSet());
            visit(f);
        }
    }

    private void selections(SelectionSet set) {
        if (set == null) return;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                for (Argument a : f.getArguments()) value(a.getValue());
                directives(f.getDirectives());
                selections(f.getSelectionSet());
            } else if (s instanceof InlineFragment i) {
                directives(i.getDirectives());
                selections(i.getSelectionSet());
            } else if (s instanceof FragmentSpread spread) {
                directives(spread.getDirectives());
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null && entered.add(def.getName())) {
                    directives(def.getDirectives());
                    selections(def.getSelectionSet());
                }
            }
            visit(s);
        }
    }

    private void directives(List<Directive> directives) {
        for (Directive d : directives) {
            for (Argument a : d.getArguments()) value(a.getValue());
            visit(d);
        }
    }

    private void value(Value<?> v) {
        if (v instanceof ObjectValue object) {
            for (ObjectField f : object.getObjectFields()) value(f.getValue());
        } else if (v instanceof ArrayValue list) {
            for (Value<?> e : list.getValues()) value(e);
        }
        visit(v);
    }

    private void visit(Node<?> node) {
        for (OpaError e : byAnchor.getOrDefault(node, List.of())) {
            if ((operation != null || !e.operationsOnly()) && (e.within() == null || e.within() == operation)) {
                out.add(e);
                reported.add(e);
            }
        }
    }
}
