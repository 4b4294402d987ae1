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
import graphql.language.ListType;
import graphql.language.Node;
import graphql.language.NonNullType;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a query by where they start, each with what the schema says about it there: the type a field, inline
 * fragment or spread is selected on, the input type a value must have, the field or directive an argument belongs
 * to, and the operation around it. Validation errors name a location; this finds what they are about.
 */
final class QueryIndex {
    private final GraphQLSchema schema;
    private final Map<String, List<Node<?>>> byStart = new HashMap<>();
    private final Map<Node<?>, GraphQLType> parents = new IdentityHashMap<>();
    private final Map<Node<?>, GraphQLInputType> expected = new IdentityHashMap<>();
    private final Map<Node<?>, Node<?>> owners = new IdentityHashMap<>();
    private final Map<OperationDefinition, List<VariableReference>> variables = new IdentityHashMap<>();
    private final Map<Directive, String> places = new IdentityHashMap<>();
    private final Map<Node<?>, Definition<?>> definitions = new IdentityHashMap<>();
    private final Map<Node<?>, Node<?>> holders = new IdentityHashMap<>();
    private OperationDefinition operation;
    private Definition<?> definition;

    QueryIndex(GraphQLSchema schema, Document query) {
        this.schema = schema;
        for (Definition<?> d : query.getDefinitions()) {
            if (d instanceof OperationDefinition op) {
                operation = op;
                definition = op;
                add(op, null);
                for (VariableDefinition v : op.getVariableDefinitions()) {
                    add(v, null);
                    owned(TypeInfo.typeInfo(v.getType()).getTypeName(), v);
                    if (v.getDefaultValue() != null) value(v.getDefaultValue(), inputType(v.getType()));
                    directives(v.getDirectives(), "VARIABLE_DEFINITION");
                }
                directives(op.getDirectives(), op.getOperation().name());
                selections(op.getSelectionSet(), root(op), op);
            } else if (d instanceof FragmentDefinition f) {
                operation = null;
                definition = f;
                add(f, null);
                directives(f.getDirectives(), "FRAGMENT_DEFINITION");
                selections(
                        f.getSelectionSet(), schema.getType(f.getTypeCondition().getName()), f);
            }
        }
    }

    /** The first written node of one kind starting at the location; null when there is none. */
    <T extends Node<?>> T first(SourceLocation at, Class<T> kind) {
        if (at == null) return null;
        for (Node<?> n : byStart.getOrDefault(at.getLine() + ":" + at.getColumn(), List.of())) {
            if (kind.isInstance(n)) return kind.cast(n);
        }
        return null;
    }

    /** The type a field, inline fragment or spread is selected on; null when the schema does not know it. */
    GraphQLType parent(Node<?> selection) {
        return parents.get(selection);
    }

    /** The input type a value must have; null when its argument or field is unknown. */
    GraphQLInputType expected(Value<?> value) {
        return expected.get(value);
    }

    /**
     * What holds a node: the field or directive of an argument, the variable definition or inline fragment of a type
     * name.
     */
    Node<?> owner(Node<?> node) {
        return owners.get(node);
    }

    /** The variables an operation's own selections use (not those of the fragments it spreads). */
    List<VariableReference> variables(OperationDefinition op) {
        return variables.getOrDefault(op, List.of());
    }

    /** Where a directive is written, in the words of the GraphQL grammar: {@code FIELD}, {@code QUERY}, ... */
    String place(Directive d) {
        return places.get(d);
    }

    /** The input type the schema has for a type the query writes; null when it has none. */
    private GraphQLInputType inputType(Type<?> type) {
        if (type instanceof NonNullType n) {
            GraphQLInputType t = inputType(n.getType());
            return t == null ? null : GraphQLNonNull.nonNull(t);
        }
        if (type instanceof ListType l) {
            GraphQLInputType t = inputType(l.getType());
            return t == null ? null : GraphQLList.list(t);
        }
        return schema.getType(((TypeName) type).getName()) instanceof GraphQLInputType t ? t : null;
    }

    /** The field, inline fragment, operation or fragment whose selections hold a selection. */
    Node<?> holder(Node<?> selection) {
        return holders.get(selection);
    }

    /** The operation or fragment a node is written in. */
    Definition<?> definition(Node<?> node) {
        return definitions.get(node);
    }

    /** The operation a node is written in; null in fragments. */
    OperationDefinition operation(Node<?> node) {
        return definitions.get(node) instanceof OperationDefinition op ? op : null;
    }

    /** The definition of a field in the schema; null when its parent type has no such field. */
    GraphQLFieldDefinition definition(Field field) {
        GraphQLType parent = parents.get(field);
        if (field.getName().equals("__typename") && parent != null)
            return schema.getIntrospectionTypenameFieldDefinition();
        if (parent == schema.getQueryType() && field.getName().equals("__schema"))
            return schema.getIntrospectionSchemaFieldDefinition();
        if (parent == schema.getQueryType() && field.getName().equals("__type"))
            return schema.getIntrospectionTypeFieldDefinition();
        return parent instanceof GraphQLFieldsContainer c ? c.getFieldDefinition(field.getName()) : null;
    }

    private GraphQLType root(OperationDefinition op) {
        return switch (op.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
    }

    private void add(Node<?> node, GraphQLType parent) {
        SourceLocation at = node.getSourceLocation();
        if (at != null)
            byStart.computeIfAbsent(at.getLine() + ":" + at.getColumn(), k -> new ArrayList<>())
                    .add(node);
        if (parent != null) parents.put(node, parent);
        definitions.put(node, definition);
    }

    private void owned(Node<?> node, Node<?> owner) {
        if (node == null) return;
        add(node, null);
        owners.put(node, owner);
    }

    private void selections(SelectionSet set, GraphQLType parent, Node<?> holder) {
        if (set == null) return;
        for (Selection<?> s : set.getSelections()) {
            add(s, parent);
            holders.put(s, holder);
            if (s instanceof Field f) {
                GraphQLFieldDefinition def = definition(f);
                for (Argument a : f.getArguments()) {
                    GraphQLArgument arg = def == null ? null : def.getArgument(a.getName());
                    argument(a, f, arg == null ? null : arg.getType());
                }
                directives(f.getDirectives(), "FIELD");
                selections(f.getSelectionSet(), def == null ? null : GraphQLTypeUtil.unwrapAll(def.getType()), f);
            } else if (s instanceof InlineFragment i) {
                owned(i.getTypeCondition(), i);
                directives(i.getDirectives(), "INLINE_FRAGMENT");
                GraphQLType on = i.getTypeCondition() == null
                        ? parent
                        : schema.getType(i.getTypeCondition().getName());
                selections(i.getSelectionSet(), on, i);
            } else if (s instanceof FragmentSpread spread) {
                directives(spread.getDirectives(), "FRAGMENT_SPREAD");
            }
        }
    }

    private void directives(List<Directive> directives, String where) {
        for (Directive d : directives) {
            add(d, null);
            places.put(d, where);
            GraphQLDirective def = schema.getDirective(d.getName());
            for (Argument a : d.getArguments()) {
                GraphQLArgument arg = def == null ? null : def.getArgument(a.getName());
                argument(a, d, arg == null ? null : arg.getType());
            }
        }
    }

    private void argument(Argument a, Node<?> owner, GraphQLInputType type) {
        owned(a, owner);
        value(a.getValue(), type);
    }

    private void value(Value<?> v, GraphQLInputType type) {
        add(v, null);
        if (v instanceof VariableReference ref && operation != null)
            variables.computeIfAbsent(operation, k -> new ArrayList<>()).add(ref);
        if (type != null) expected.put(v, type);
        GraphQLType bare = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
        if (v instanceof ArrayValue list) {
            GraphQLInputType element = bare instanceof GraphQLList l ? (GraphQLInputType) l.getWrappedType() : null;
            for (Value<?> e : list.getValues()) value(e, element);
        } else if (v instanceof ObjectValue object) {
            for (ObjectField f : object.getObjectFields()) {
                owned(f, object);
                GraphQLInputObjectField field =
                        bare instanceof GraphQLInputObjectType o ? o.getFieldDefinition(f.getName()) : null;
                value(f.getValue(), field == null ? null : field.getType());
            }
        }
    }
}
