package dev.gate.policy.builtins.graphql;

import graphql.language.Argument;
import graphql.language.AstComparator;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.Selection;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNamedSchemaElement;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's words for errors about fields: unknown ones (with the fields or the types that have them that the query may
 * have meant), missing arguments, leaf selections and fields of one response name that cannot merge.
 */
final class SelectionMessages {
    private final GraphQLSchema schema;
    private final QueryIndex index;

    SelectionMessages(GraphQLSchema schema, QueryIndex index) {
        this.schema = schema;
        this.index = index;
    }

    OpaError unknownField(Field field) {
        GraphQLType parent = field == null || index.definition(field) != null ? null : index.parent(field);
        if (!(parent instanceof GraphQLNamedOutputType named)) return null;
        String message = "Cannot query field \"" + field.getName() + "\" on type \"" + named.getName() + "\".";
        List<String> types = typesWith(parent, field.getName());
        if (!types.isEmpty())
            message += " Did you mean to use an inline fragment on " + Suggestions.quotedOrList(types) + "?";
        else if (parent instanceof GraphQLFieldsContainer c)
            message += Suggestions.didYouMean("Did you mean", field.getName(), fieldNames(c));
        return new OpaError("FieldsOnCorrectType", message, field.getSourceLocation(), field);
    }

    /** The fields OPA's schema gives a type: its own, and the introspection fields of the query root. */
    private List<String> fieldNames(GraphQLFieldsContainer c) {
        List<String> names = new ArrayList<>(names(c.getFieldDefinitions()));
        if (c == schema.getQueryType()) {
            names.add("__schema");
            names.add("__type");
        }
        return names;
    }

    /**
     * For an interface or union: the object types that have the field and their interfaces that do, interfaces most
     * often implemented first, then by name.
     */
    private List<String> typesWith(GraphQLType parent, String name) {
        List<GraphQLObjectType> possible;
        if (parent instanceof GraphQLInterfaceType i) possible = schema.getImplementations(i);
        else if (parent instanceof GraphQLUnionType u)
            possible = u.getTypes().stream()
                    .filter(GraphQLObjectType.class::isInstance)
                    .map(GraphQLObjectType.class::cast)
                    .toList();
        else return List.of();
        List<String> interfaces = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (GraphQLObjectType t : possible) {
            if (t.getFieldDefinition(name) == null) continue;
            objects.add(t.getName());
            for (var implemented : t.getInterfaces()) {
                if (schema.getType(implemented.getName()) instanceof GraphQLInterfaceType it
                        && it.getFieldDefinition(name) != null
                        && uses.merge(it.getName(), 1, Integer::sum) == 1) interfaces.add(it.getName());
            }
        }
        List<String> all = new ArrayList<>(interfaces);
        all.addAll(objects);
        all.sort(Comparator.<String>comparingInt(n -> -uses.getOrDefault(n, 0)).thenComparing(n -> n));
        return all;
    }

    OpaError missingArgument(Field field, String name) {
        GraphQLFieldDefinition def = field == null ? null : index.definition(field);
        GraphQLArgument arg = def == null ? null : def.getArgument(name);
        return arg == null
                ? null
                : new OpaError(
                        "ProvidedRequiredArguments",
                        "Field \"" + field.getName() + "\" argument \"" + name + "\" of type \""
                                + GraphQLTypeUtil.simplePrint(arg.getType())
                                + "\" is required, but it was not provided.",
                        field.getSourceLocation(),
                        field);
    }

    /** A leaf selected into, or an object not. */
    OpaError leaf(Field field) {
        GraphQLFieldDefinition def = field == null ? null : index.definition(field);
        if (def == null) return null;
        GraphQLType type = def.getType();
        String message = GraphQLTypeUtil.isLeaf(type)
                ? "Field \"" + field.getName() + "\" must not have a selection since type \""
                        + GraphQLTypeUtil.unwrapAll(type).getName() + "\" has no subfields."
                : "Field \"" + field.getName() + "\" of type \"" + GraphQLTypeUtil.simplePrint(type)
                        + "\" must have a selection of subfields. Did you mean \"" + field.getName() + " { ... }\"?";
        return new OpaError("ScalarLeafs", message, field.getSourceLocation(), field);
    }

    /** A leaf selected into: OPA also finds each field selected on it unknown. */
    List<OpaError> leafWithFields(Field field) {
        List<OpaError> out = new ArrayList<>();
        OpaError leaf = leaf(field);
        if (leaf == null) return out;
        out.add(leaf);
        if (field.getSelectionSet() == null) return out;
        for (Selection<?> s : field.getSelectionSet().getSelections()) {
            OpaError unknown = s instanceof Field f ? unknownField(f) : null;
            if (unknown != null) out.add(unknown);
        }
        return out;
    }

    /**
     * Two fields of one response name that cannot merge; OPA names the first field's response name, places the error
     * at the second and gives the first reason of: different fields, different arguments, conflicting types.
     */
    List<OpaError> conflict(List<SourceLocation> locations) {
        if (locations == null || locations.size() < 2) return List.of();
        Field a = index.first(locations.get(0), Field.class);
        Field b = index.first(locations.get(1), Field.class);
        if (a == null || b == null) return List.of();
        String reason;
        GraphQLType pa = index.parent(a);
        GraphQLType pb = index.parent(b);
        boolean exclusive = pa != pb
                && pa instanceof GraphQLObjectType
                && pb instanceof GraphQLObjectType
                && index.definition(a) != null
                && index.definition(b) != null;
        if (!exclusive && !a.getName().equals(b.getName()))
            reason = "\"" + a.getName() + "\" and \"" + b.getName() + "\" are different fields";
        else if (!exclusive && !sameArguments(a.getArguments(), b.getArguments()))
            reason = "they have differing arguments";
        else {
            GraphQLFieldDefinition da = index.definition(a);
            GraphQLFieldDefinition db = index.definition(b);
            if (da == null || db == null) return List.of();
            reason = "they return conflicting types \"" + GraphQLTypeUtil.simplePrint(da.getType()) + "\" and \""
                    + GraphQLTypeUtil.simplePrint(db.getType()) + "\"";
        }
        // OPA reports a conflict of subfields on the outermost fields of one response name that hold them
        for (Field outerA = field(a), outerB = field(b);
                outerA != null
                        && outerB != null
                        && outerA != outerB
                        && response(outerA).equals(response(outerB));
                outerA = field(outerA), outerB = field(outerB)) {
            reason = "subfields \"" + response(a) + "\" conflict because " + reason;
            a = outerA;
            b = outerB;
        }
        String message = "Fields \"" + response(a) + "\" conflict because " + reason
                + ". Use different aliases on the fields to fetch both if this was intentional.";
        // every inline fragment holding both reports it, then the field, operation or fragment around them
        List<OpaError> out = new ArrayList<>();
        Node<?> holder = index.holder(b);
        while (holder instanceof InlineFragment) {
            if (holds(holder, a))
                out.add(new OpaError("OverlappingFieldsCanBeMerged", message, b.getSourceLocation(), holder));
            holder = index.holder(holder);
        }
        if (holder != null)
            out.add(new OpaError(
                    "OverlappingFieldsCanBeMerged", message, b.getSourceLocation(), holder, holder instanceof Field));
        return out;
    }

    private static String response(Field f) {
        return f.getAlias() != null ? f.getAlias() : f.getName();
    }

    /** The field whose selections hold a selection, through inline fragments; null at the top. */
    private Field field(Node<?> selection) {
        Node<?> h = index.holder(selection);
        while (h instanceof InlineFragment) h = index.holder(h);
        return h instanceof Field f ? f : null;
    }

    private boolean holds(Node<?> holder, Node<?> selection) {
        for (Node<?> h = index.holder(selection); h != null; h = index.holder(h)) {
            if (h == holder) return true;
        }
        return false;
    }

    private static boolean sameArguments(List<Argument> a, List<Argument> b) {
        if (a.size() != b.size()) return false;
        for (Argument x : a) {
            Argument y = b.stream()
                    .filter(o -> o.getName().equals(x.getName()))
                    .findFirst()
                    .orElse(null);
            if (y == null || !AstComparator.isEqual(x.getValue(), y.getValue())) return false;
        }
        return true;
    }

    GraphQLDirective directive(Directive d) {
        return schema.getDirective(d.getName());
    }

    static List<String> names(List<? extends GraphQLNamedSchemaElement> defs) {
        return defs.stream().map(GraphQLNamedSchemaElement::getName).toList();
    }
}
