package dev.gate.policy.builtins.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.TypeName;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's words for errors about fragments: unused, spread but undefined, on types the schema does not know or that
 * have no fields, spread where their type can never be, or spreading themselves.
 */
final class FragmentMessages {
    private final GraphQLSchema schema;
    private final Document query;
    private final QueryIndex index;
    private final SourceText text;

    FragmentMessages(GraphQLSchema schema, Document query, QueryIndex index, SourceText text) {
        this.schema = schema;
        this.query = query;
        this.index = index;
        this.text = text;
    }

    OpaError unusedFragment(SourceLocation at, String name) {
        FragmentDefinition f = index.first(at, FragmentDefinition.class);
        return f == null || name == null
                ? null
                : new OpaError("NoUnusedFragments", "Fragment \"" + name + "\" is never used.", at, f);
    }

    /** A fragment on a type the schema does not know, with the types it may have meant. */
    OpaError unknownFragmentType(String type) {
        for (FragmentDefinition f : query.getDefinitionsOfType(FragmentDefinition.class)) {
            if (!f.getTypeCondition().getName().equals(type)) continue;
            return new OpaError(
                    "KnownTypeNames",
                    "Unknown type \"" + type + "\"."
                            + Suggestions.didYouMean(
                                    "Did you mean", type, SelectionMessages.names(schema.getAllTypesAsList())),
                    f.getSourceLocation(),
                    f);
        }
        return null;
    }

    /**
     * The spreads that close a cycle, found as OPA finds them: from each fragment in turn, depth first through the
     * fragments it spreads, none entered twice in the whole document; the error names the fragments between.
     */
    List<OpaError> cycles() {
        List<OpaError> out = new ArrayList<>();
        Map<String, FragmentDefinition> byName = byName(query);
        Set<String> visited = new HashSet<>();
        for (FragmentDefinition f : query.getDefinitionsOfType(FragmentDefinition.class))
            new Cycles(f, byName, visited, out).from(f);
        return out;
    }

    /** One depth-first search for cycles, reporting them on the fragment it starts from. */
    private final class Cycles {
        private final FragmentDefinition start;
        private final Map<String, FragmentDefinition> byName;
        private final Set<String> visited;
        private final List<OpaError> out;
        private final List<FragmentSpread> path = new ArrayList<>();
        private final Map<String, Integer> onPath = new HashMap<>();

        Cycles(
                FragmentDefinition start,
                Map<String, FragmentDefinition> byName,
                Set<String> visited,
                List<OpaError> out) {
            this.start = start;
            this.byName = byName;
            this.visited = visited;
            this.out = out;
        }

        void from(FragmentDefinition f) {
            if (!visited.add(f.getName())) return;
            List<FragmentSpread> spreads = spreads(f.getSelectionSet());
            if (spreads.isEmpty()) return;
            onPath.put(f.getName(), path.size());
            for (FragmentSpread s : spreads) {
                Integer cycle = onPath.get(s.getName());
                path.add(s);
                if (cycle == null) {
                    FragmentDefinition next = byName.get(s.getName());
                    if (next != null) from(next);
                } else {
                    List<String> via = path.subList(cycle, path.size() - 1).stream()
                            .map(p -> "\"" + p.getName() + "\"")
                            .toList();
                    out.add(new OpaError(
                            "NoFragmentCycles",
                            "Cannot spread fragment \"" + s.getName() + "\" within itself"
                                    + (via.isEmpty() ? "" : " via " + String.join(", ", via)) + ".",
                            text.after(s.getSourceLocation(), 3),
                            start));
                }
                path.remove(path.size() - 1);
            }
            onPath.remove(f.getName());
        }
    }

    /** The spreads of a selection set: each set's own first, inner sets after, the last written first. */
    private static List<FragmentSpread> spreads(SelectionSet root) {
        List<FragmentSpread> out = new ArrayList<>();
        List<SelectionSet> toVisit = new ArrayList<>(List.of(root));
        while (!toVisit.isEmpty()) {
            SelectionSet set = toVisit.remove(toVisit.size() - 1);
            if (set == null) continue;
            for (Selection<?> s : set.getSelections()) {
                if (s instanceof FragmentSpread spread) out.add(spread);
                else if (s instanceof Field f) toVisit.add(f.getSelectionSet());
                else if (s instanceof InlineFragment i) toVisit.add(i.getSelectionSet());
            }
        }
        return out;
    }

    OpaError undefined(FragmentSpread spread) {
        return spread == null
                ? null
                : new OpaError(
                        "KnownFragmentNames",
                        "Unknown fragment \"" + spread.getName() + "\".",
                        text.after(spread.getSourceLocation(), 3),
                        spread);
    }

    /** A fragment or inline fragment on a type without fields (a scalar, an enum, an input type). */
    OpaError onLeaf(SourceLocation at) {
        String rule = "FragmentsOnCompositeTypes";
        InlineFragment inline = index.first(at, InlineFragment.class);
        if (inline != null && inline.getTypeCondition() != null)
            return new OpaError(
                    rule,
                    "Fragment cannot condition on non composite type \""
                            + inline.getTypeCondition().getName() + "\".",
                    text.after(at, 3),
                    inline);
        TypeName type = index.first(at, TypeName.class);
        Node<?> owner = type == null ? null : index.owner(type);
        if (owner instanceof InlineFragment i) return onLeaf(i.getSourceLocation());
        FragmentDefinition f = index.first(at, FragmentDefinition.class);
        return f == null
                ? null
                : new OpaError(
                        rule,
                        "Fragment \"" + f.getName() + "\" cannot condition on non composite type \""
                                + f.getTypeCondition().getName() + "\".",
                        at,
                        f);
    }

    /** A fragment spread where objects of its type can never be. */
    OpaError impossible(SourceLocation at) {
        Node<?> node = index.first(at, InlineFragment.class);
        if (node == null) node = index.first(at, FragmentSpread.class);
        GraphQLType parent = node == null ? null : index.parent(node);
        if (!(parent instanceof GraphQLNamedType p)) return null;
        String where = " cannot be spread here as objects of type \"" + p.getName() + "\" can never be of type \"";
        if (node instanceof InlineFragment i && i.getTypeCondition() != null)
            return new OpaError(
                    "PossibleFragmentSpreads",
                    "Fragment" + where + i.getTypeCondition().getName() + "\".",
                    text.after(at, 3),
                    i);
        FragmentDefinition f = node instanceof FragmentSpread s ? byName(query).get(s.getName()) : null;
        if (node instanceof FragmentSpread s && f != null)
            return new OpaError(
                    "PossibleFragmentSpreads",
                    "Fragment \"" + s.getName() + "\"" + where
                            + f.getTypeCondition().getName() + "\".",
                    text.after(at, 3),
                    s);
        return null;
    }

    /** The fragments by name, the first of each name (as OPA's walk takes them). */
    static Map<String, FragmentDefinition> byName(Document query) {
        Map<String, FragmentDefinition> byName = new HashMap<>();
        for (FragmentDefinition f : query.getDefinitionsOfType(FragmentDefinition.class))
            byName.putIfAbsent(f.getName(), f);
        return byName;
    }

    /** The names of the fragments an operation spreads, directly or through other fragments. */
    static Set<String> reached(Document query, OperationDefinition op) {
        Map<String, FragmentDefinition> byName = byName(query);
        Set<String> reached = new HashSet<>();
        List<SelectionSet> toVisit = new ArrayList<>(List.of(op.getSelectionSet()));
        while (!toVisit.isEmpty()) {
            for (FragmentSpread s : spreads(toVisit.remove(toVisit.size() - 1))) {
                FragmentDefinition f = byName.get(s.getName());
                if (f != null && reached.add(f.getName())) toVisit.add(f.getSelectionSet());
            }
        }
        return reached;
    }
}
