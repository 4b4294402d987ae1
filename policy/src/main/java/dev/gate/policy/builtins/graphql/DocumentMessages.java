package dev.gate.policy.builtins.graphql;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OPA's words for errors about the operations of a document and the names in it: anonymous operations beside others,
 * names given twice, roots the schema lacks, variables unused, undefined or not of an input type.
 */
final class DocumentMessages {
    private final GraphQLSchema schema;
    private final Document query;
    private final QueryIndex index;
    private final SourceText text;

    DocumentMessages(GraphQLSchema schema, Document query, QueryIndex index, SourceText text) {
        this.schema = schema;
        this.query = query;
        this.index = index;
        this.text = text;
    }

    /** Each anonymous operation of several, and each anonymous one after the first repeats the name "". */
    List<OpaError> anonymous() {
        List<OperationDefinition> ops = query.getDefinitionsOfType(OperationDefinition.class);
        List<OpaError> out = new ArrayList<>();
        boolean seen = false;
        for (OperationDefinition op : ops) {
            if (op.getName() != null && !op.getName().isEmpty() || ops.size() < 2) continue;
            out.add(new OpaError(
                    "LoneAnonymousOperation",
                    "This anonymous operation must be the only defined operation.",
                    op.getSourceLocation(),
                    op));
            if (seen) out.add(duplicate(op, ""));
            seen = true;
        }
        return out;
    }

    OpaError duplicateOperation(SourceLocation at, String name) {
        OperationDefinition op = index.first(at, OperationDefinition.class);
        return op == null || name == null ? null : duplicate(op, name);
    }

    private static OpaError duplicate(OperationDefinition op, String name) {
        return new OpaError(
                "UniqueOperationNames",
                "There can be only one operation named \"" + name + "\".",
                op.getSourceLocation(),
                op);
    }

    OpaError unknownRoot(SourceLocation at) {
        OperationDefinition op = index.first(at, OperationDefinition.class);
        return op == null
                ? null
                : new OpaError(
                        "KnownRootType",
                        "Schema does not support operation type \""
                                + op.getOperation().name().toLowerCase(Locale.ROOT) + "\"",
                        at,
                        op);
    }

    OpaError unusedVariable(VariableDefinition v, String name) {
        OperationDefinition op = v == null ? null : index.operation(v);
        return op == null
                ? null
                : new OpaError(
                        "NoUnusedVariables",
                        "Variable \"$" + name + "\" is never used" + inOperation(op, " in operation \"") + ".",
                        v.getSourceLocation(),
                        op);
    }

    /**
     * A variable no operation around it defines: in an operation, or in a fragment once for each operation that
     * reaches the fragment without defining it.
     */
    List<OpaError> undefinedVariable(VariableReference ref) {
        if (ref == null) return List.of();
        OperationDefinition op = index.operation(ref);
        if (op != null) return List.of(undefined(ref, op));
        List<OpaError> out = new ArrayList<>();
        if (!(index.definition(ref) instanceof FragmentDefinition f)) return out;
        for (OperationDefinition o : query.getDefinitionsOfType(OperationDefinition.class)) {
            boolean defined = o.getVariableDefinitions().stream()
                    .anyMatch(v -> v.getName().equals(ref.getName()));
            if (!defined && FragmentMessages.reached(query, o).contains(f.getName())) out.add(undefined(ref, o));
        }
        return out;
    }

    private static OpaError undefined(VariableReference ref, OperationDefinition op) {
        return new OpaError(
                "NoUndefinedVariables",
                "Variable \"$" + ref.getName() + "\" is not defined" + inOperation(op, " by operation \"") + ".",
                ref.getSourceLocation(),
                ref,
                true,
                op);
    }

    private static String inOperation(OperationDefinition op, String words) {
        return op.getName() == null || op.getName().isEmpty() ? "" : words + op.getName() + "\"";
    }

    /** The second and later of names given twice; OPA reports each where it is given again. */
    OpaError repeated(ValidationErrorType type, SourceLocation at, String name) {
        if (name == null) return null;
        return switch (type) {
            case DuplicateFragmentName ->
                once("UniqueFragmentNames", "fragment named \"" + name, index.first(at, FragmentDefinition.class));
            case DuplicateVariableName -> {
                VariableDefinition v = index.first(at, VariableDefinition.class);
                yield v == null
                        ? null
                        : new OpaError(
                                "UniqueVariableNames",
                                "There can be only one variable named \"$" + name + "\".",
                                at,
                                index.operation(v));
            }
            case DuplicateArgumentNames -> {
                Node<?> owner = index.first(at, Field.class);
                List<Argument> args = owner instanceof Field f ? f.getArguments() : List.of();
                Directive d = owner == null ? index.first(at, Directive.class) : null;
                if (d != null) {
                    owner = d;
                    args = d.getArguments();
                }
                List<Argument> named =
                        args.stream().filter(a -> a.getName().equals(name)).toList();
                yield named.size() < 2
                        ? null
                        : new OpaError(
                                "UniqueArgumentNames",
                                "There can be only one argument named \"" + name + "\".",
                                named.get(1).getSourceLocation(),
                                owner);
            }
            case DuplicateDirectiveName -> {
                Directive d = index.first(at, Directive.class);
                yield d == null
                        ? null
                        : new OpaError(
                                "UniqueDirectivesPerLocation",
                                "The directive \"@" + name + "\" can only be used once at this location.",
                                text.after(at, 1),
                                d);
            }
            case UniqueObjectFieldName -> {
                ObjectValue o = index.first(at, ObjectValue.class);
                List<ObjectField> fields = o == null ? List.of() : o.getObjectFields();
                List<SourceLocation> where = o == null ? List.of() : text.fields(o);
                SourceLocation second = null;
                for (int i = 0, seen = 0; i < fields.size() && second == null; i++) {
                    if (fields.get(i).getName().equals(name) && ++seen == 2) second = where.get(i);
                }
                yield second == null
                        ? null
                        : new OpaError(
                                "UniqueInputFieldNames",
                                "There can be only one input field named \"" + name + "\".",
                                second,
                                o);
            }
            default -> null;
        };
    }

    private static OpaError once(String rule, String what, Node<?> node) {
        return node == null
                ? null
                : new OpaError(rule, "There can be only one " + what + "\".", node.getSourceLocation(), node);
    }

    OpaError nonInput(SourceLocation at) {
        VariableDefinition v = index.first(at, VariableDefinition.class);
        return v == null
                ? null
                : new OpaError(
                        "VariablesAreInputTypes",
                        "Variable \"$" + v.getName() + "\" cannot be non-input type \""
                                + AstPrinter.printAst(v.getType()) + "\".",
                        at,
                        index.operation(v));
    }
}
