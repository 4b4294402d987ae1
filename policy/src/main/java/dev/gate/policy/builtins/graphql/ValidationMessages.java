package dev.gate.policy.builtins.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's validation errors in the words of OPA's validator (gqlparser), rule by rule, with what its messages
 * name looked up in the query and the schema. An error of a rule not mapped here keeps graphql-java's words.
 */
final class ValidationMessages {
    /** The names graphql-java quotes in its descriptions: {@code ... 'name' ...}. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final GraphQLSchema schema;
    private final Document query;

    ValidationMessages(GraphQLSchema schema, Document query) {
        this.schema = schema;
        this.query = query;
    }

    /** OPA's message for the error (its location not included), or null when its rule is not mapped. */
    String of(ValidationError error) {
        SourceLocation at = error.getLocations() == null || error.getLocations().isEmpty()
                ? null
                : error.getLocations().get(0);
        String name = firstQuoted(error.getDescription());
        if (at == null || name == null) return null;
        ValidationErrorType type = (ValidationErrorType) error.getValidationErrorType();
        return switch (type) {
            case MissingFieldArgument -> {
                Located field = fieldAt(at);
                GraphQLArgument arg = field == null ? null : field.definition().getArgument(name);
                yield arg == null
                        ? null
                        : "Field \"" + field.field().getName() + "\" argument \"" + name + "\" of type \""
                                + GraphQLTypeUtil.simplePrint(arg.getType())
                                + "\" is required, but it was not provided.";
            }
            case SubselectionRequired -> {
                Located field = fieldAt(at);
                yield field == null
                        ? null
                        : "Field \"" + field.field().getName() + "\" of type \""
                                + GraphQLTypeUtil.simplePrint(field.definition().getType())
                                + "\" must have a selection of subfields. Did you mean \""
                                + field.field().getName() + " { ... }\"?";
            }
            case SubselectionNotAllowed -> {
                Located field = fieldAt(at);
                yield field == null
                        ? null
                        : "Field \"" + field.field().getName() + "\" must not have a selection since type \""
                                + GraphQLTypeUtil.unwrapAll(field.definition().getType())
                                        .getName() + "\" has no subfields.";
            }
            case UnusedVariable -> {
                OperationDefinition op = operationAt(at);
                yield op == null
                        ? null
                        : "Variable \"$" + name + "\" is never used" + inOperation(op, " in operation \"") + ".";
            }
            case UndefinedVariable -> {
                OperationDefinition op = operationAt(at);
                yield op == null
                        ? null
                        : "Variable \"$" + name + "\" is not defined" + inOperation(op, " by operation \"") + ".";
            }
            case UnusedFragment -> "Fragment \"" + name + "\" is never used.";
            case DuplicateOperationName -> "There can be only one operation named \"" + name + "\".";
            default -> null;
        };
    }

    private static String inOperation(OperationDefinition op, String words) {
        return op.getName() == null || op.getName().isEmpty() ? "" : words + op.getName() + "\"";
    }

    private static String firstQuoted(String description) {
        Matcher m = QUOTED.matcher(description == null ? "" : description);
        return m.find() ? m.group(1) : null;
    }

    /** A field of the query and its definition in the schema. */
    private record Located(Field field, GraphQLFieldDefinition definition) {}

    private Located fieldAt(SourceLocation at) {
        for (Definition<?> d : query.getDefinitions()) {
            Located found = null;
            if (d instanceof OperationDefinition op) found = fieldAt(op.getSelectionSet(), root(op), at);
            else if (d instanceof FragmentDefinition f)
                found = fieldAt(
                        f.getSelectionSet(), schema.getType(f.getTypeCondition().getName()), at);
            if (found != null) return found;
        }
        return null;
    }

    private Located fieldAt(SelectionSet set, GraphQLType parent, SourceLocation at) {
        if (set == null || parent == null) return null;
        for (Selection<?> s : set.getSelections()) {
            Located found = null;
            if (s instanceof Field f && parent instanceof GraphQLFieldsContainer container) {
                GraphQLFieldDefinition def = container.getFieldDefinition(f.getName());
                if (def == null) continue;
                if (same(f.getSourceLocation(), at)) return new Located(f, def);
                found = fieldAt(f.getSelectionSet(), GraphQLTypeUtil.unwrapAll(def.getType()), at);
            } else if (s instanceof InlineFragment i) {
                GraphQLUnmodifiedType type = i.getTypeCondition() == null
                        ? null
                        : (GraphQLUnmodifiedType)
                                schema.getType(i.getTypeCondition().getName());
                found = fieldAt(i.getSelectionSet(), type != null ? type : parent, at);
            }
            if (found != null) return found;
        }
        return null;
    }

    private GraphQLType root(OperationDefinition op) {
        return switch (op.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
    }

    /** The operation written around the location; null when it is in a fragment (which operations share). */
    private OperationDefinition operationAt(SourceLocation at) {
        Definition<?> around = null;
        for (Definition<?> d : query.getDefinitions()) {
            if (before(d, at)) around = d;
        }
        return around instanceof OperationDefinition op ? op : null;
    }

    private static boolean before(Node<?> node, SourceLocation at) {
        SourceLocation start = node.getSourceLocation();
        return start != null
                && (start.getLine() < at.getLine()
                        || start.getLine() == at.getLine() && start.getColumn() <= at.getColumn());
    }

    private static boolean same(SourceLocation a, SourceLocation b) {
        return a != null && a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
    }
}
