package dev.gate.policy.builtins.graphql;

import graphql.language.Argument;
import graphql.language.Directive;
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
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's validation errors in the words of OPA's validator (gqlparser), rule by rule, placed where OPA places
 * them and tied to the node whose visit reports them ({@link WalkOrder}). This class finds what each error is about
 * and words those about arguments and directives; {@link SelectionMessages} words those about fields,
 * {@link ValueMessages} those about values, {@link DocumentMessages} those about operations, variables and repeated
 * names, {@link FragmentMessages} those about fragments. An error of a rule not mapped keeps graphql-java's words.
 */
final class ValidationMessages {
    /** The names graphql-java quotes in its descriptions: {@code ... 'name' ...}. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final Document query;
    private final QueryIndex index;
    private final SourceText text;
    private final ValueMessages values;
    private final DocumentMessages documents;
    private final FragmentMessages fragments;
    private final SelectionMessages selections;

    ValidationMessages(GraphQLSchema schema, Document query, String text) {
        this.query = query;
        this.index = new QueryIndex(schema, query);
        this.text = new SourceText(text);
        this.values = new ValueMessages(index, this.text);
        this.documents = new DocumentMessages(schema, query, index, this.text);
        this.selections = new SelectionMessages(schema, index);
        this.fragments = new FragmentMessages(schema, query, index, this.text);
    }

    /** OPA's errors for graphql-java's, in the order OPA reports them. */
    List<OpaError> of(List<ValidationError> errors) {
        List<OpaError> out = new ArrayList<>();
        List<OpaError> cycles = new ArrayList<>();
        List<OpaError> anonymous = new ArrayList<>();
        for (ValidationError e : errors) {
            ValidationErrorType type = (ValidationErrorType) e.getValidationErrorType();
            // OPA finds these per document: graphql-java's errors only say there are some
            if (type == ValidationErrorType.FragmentCycle) cycles.add(unmapped(e));
            else if (type == ValidationErrorType.LoneAnonymousOperationViolation) anonymous.add(unmapped(e));
            else {
                List<OpaError> words = of(e, type);
                for (OpaError w : words.isEmpty() ? List.of(unmapped(e)) : words) {
                    if (!out.contains(w)) out.add(w); // graphql-java may name one wrong value twice
                }
            }
        }
        out.addAll(orElse(cycles.isEmpty() ? List.of() : fragments.cycles(), cycles));
        out.addAll(orElse(anonymous.isEmpty() ? List.of() : documents.anonymous(), anonymous));
        return WalkOrder.order(query, out);
    }

    private static List<OpaError> orElse(List<OpaError> opas, List<OpaError> fallback) {
        return opas.isEmpty() ? fallback : opas;
    }

    static OpaError unmapped(ValidationError e) {
        SourceLocation at = first(e);
        return new OpaError("", e.getDescription() + ".", at, null);
    }

    private List<OpaError> of(ValidationError error, ValidationErrorType type) {
        SourceLocation at = first(error);
        String name = firstQuoted(error.getDescription());
        return switch (type) {
            case FieldUndefined -> one(selections.unknownField(index.first(at, Field.class)));
            case UnknownArgument -> one(unknownArgument(index.first(at, Argument.class)));
            case MissingFieldArgument -> one(selections.missingArgument(index.first(at, Field.class), name));
            case SubselectionRequired, SubselectionNotAllowed ->
                selections.leafWithFields(index.first(at, Field.class));
            case FieldsConflict -> selections.conflict(error.getLocations());
            case UnknownDirective ->
                one(
                        index.first(at, Argument.class) != null
                                ? unknownArgument(index.first(at, Argument.class))
                                : directive(at, d -> "Unknown directive \"@" + d.getName() + "\".", "KnownDirectives"));
            case MissingDirectiveArgument -> one(directive(at, d -> missing(d, name), "ProvidedRequiredArguments"));
            case MisplacedDirective ->
                one(directive(
                        at,
                        d -> "Directive \"@" + d.getName() + "\" may not be used on " + index.place(d) + ".",
                        "KnownDirectives"));
            case WrongType -> values.wrong(index.first(at, Argument.class));
            case NullValueForNonNullArgument -> values.wrong(nullArgument(at, name));
            case BadValueForDefaultArg -> values.wrongDefault(index.first(at, VariableDefinition.class));
            case VariableTypeMismatch -> one(values.position(index.first(at, VariableReference.class)));
            case UnknownType -> unknownType(at, name);
            case UndefinedFragment -> one(fragments.undefined(index.first(at, FragmentSpread.class)));
            case UnusedFragment -> one(fragments.unusedFragment(at, name));
            case InlineFragmentTypeConditionInvalid, FragmentTypeConditionInvalid -> onLeaf(at);
            case InvalidFragmentType -> one(fragments.impossible(at));
            case UnusedVariable -> one(documents.unusedVariable(index.first(at, VariableDefinition.class), name));
            case UndefinedVariable -> documents.undefinedVariable(index.first(at, VariableReference.class));
            case NonInputTypeOnVariable -> one(documents.nonInput(at));
            case DuplicateOperationName -> one(documents.duplicateOperation(at, name));
            case DuplicateVariableName -> {
                // OPA's walk takes the first definition of a name for its uses: a later one is never used
                List<OpaError> out = new ArrayList<>(one(documents.repeated(type, at, name)));
                out.addAll(one(documents.unusedVariable(index.first(at, VariableDefinition.class), name)));
                yield out;
            }
            case DuplicateFragmentName, DuplicateArgumentNames, DuplicateDirectiveName, UniqueObjectFieldName ->
                one(documents.repeated(type, at, name));
            case UnknownOperation -> one(documents.unknownRoot(at));
            default -> List.of();
        };
    }

    /** A fragment on a type without fields; OPA also finds each field selected on it unknown. */
    private List<OpaError> onLeaf(SourceLocation at) {
        OpaError e = fragments.onLeaf(at);
        if (e == null) return List.of();
        List<OpaError> out = new ArrayList<>(List.of(e));
        SelectionSet set = e.anchor() instanceof InlineFragment i
                ? i.getSelectionSet()
                : ((FragmentDefinition) e.anchor()).getSelectionSet();
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) out.addAll(one(selections.unknownField(f)));
        }
        return out;
    }

    /** The argument given null where it must not be, of the field or directive at the location. */
    private Argument nullArgument(SourceLocation at, String name) {
        Argument arg = index.first(at, Argument.class);
        if (arg != null) return arg;
        Field field = index.first(at, Field.class);
        Directive directive = index.first(at, Directive.class);
        List<Argument> args =
                field != null ? field.getArguments() : directive != null ? directive.getArguments() : List.of();
        return args.stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    private static List<OpaError> one(OpaError e) {
        return e == null ? List.of() : List.of(e);
    }

    private OpaError unknownArgument(Argument arg) {
        Node<?> owner = arg == null ? null : index.owner(arg);
        String unknown = arg == null ? null : "Unknown argument \"" + arg.getName() + "\" on ";
        if (owner instanceof Field f) {
            GraphQLFieldDefinition def = index.definition(f);
            GraphQLType parent = index.parent(f);
            if (def == null || parent == null) return null;
            return new OpaError(
                    "KnownArgumentNames",
                    unknown + "field \"" + GraphQLTypeUtil.unwrapAll(parent).getName() + "." + f.getName() + "\"."
                            + Suggestions.didYouMean(
                                    "Did you mean", arg.getName(), SelectionMessages.names(def.getArguments())),
                    f.getSourceLocation(),
                    f);
        }
        GraphQLDirective def = owner instanceof Directive d ? selections.directive(d) : null;
        if (owner instanceof Directive d && def != null) {
            return new OpaError(
                    "KnownArgumentNames",
                    unknown + "directive \"@" + d.getName() + "\"."
                            + Suggestions.didYouMean(
                                    "Did you mean", arg.getName(), SelectionMessages.names(def.getArguments())),
                    text.after(d.getSourceLocation(), 1),
                    d);
        }
        return null;
    }

    private OpaError directive(SourceLocation at, java.util.function.Function<Directive, String> words, String rule) {
        Directive d = index.first(at, Directive.class);
        String message = d == null ? null : words.apply(d);
        return message == null ? null : new OpaError(rule, message, text.after(at, 1), d);
    }

    private String missing(Directive d, String name) {
        GraphQLDirective def = selections.directive(d);
        GraphQLArgument arg = def == null ? null : def.getArgument(name);
        return arg == null
                ? null
                : "Directive \"@" + d.getName() + "\" argument \"" + name + "\" of type \""
                        + GraphQLTypeUtil.simplePrint(arg.getType()) + "\" is required, but it was not provided.";
    }

    private List<OpaError> unknownType(SourceLocation at, String name) {
        TypeName type = index.first(at, TypeName.class);
        Node<?> owner = type == null ? null : index.owner(type);
        if (owner instanceof InlineFragment i) {
            return List.of(new OpaError(
                    "KnownTypeNames",
                    "Unknown type \"" + type.getName() + "\".",
                    text.after(i.getSourceLocation(), 3),
                    i));
        }
        if (owner instanceof VariableDefinition v) {
            List<OpaError> out = new ArrayList<>();
            out.add(new OpaError(
                    "KnownTypeNames", "Unknown type \"" + type.getName() + "\".", v.getSourceLocation(), v));
            OperationDefinition op = index.operation(v);
            if (op != null) out.addAll(values.usesOfUnknownType(op, v));
            return out;
        }
        return at == null && name != null ? one(fragments.unknownFragmentType(name)) : List.of();
    }

    private static SourceLocation first(ValidationError e) {
        return e.getLocations() == null || e.getLocations().isEmpty()
                ? null
                : e.getLocations().get(0);
    }

    private static String firstQuoted(String description) {
        Matcher m = QUOTED.matcher(description == null ? "" : description);
        return m.find() ? m.group(1) : null;
    }
}
