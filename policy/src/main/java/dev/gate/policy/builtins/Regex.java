package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GlobIntersection;
import dev.gate.policy.builtins.support.Re2;
import dev.gate.policy.builtins.support.RegexTemplate;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** The regex.* builtins on Go's RE2 dialect. */
final class Regex {
    static final BuiltinDeclaration MATCH = BuiltinDeclaration.of(
            "regex.match", "boolean", "Whether the value contains a match of the pattern.", "string", "string");
    static final BuiltinDeclaration IS_VALID =
            BuiltinDeclaration.of("regex.is_valid", "boolean", "Whether the operand is a valid RE2 pattern.", "any");
    static final BuiltinDeclaration FIND_N = BuiltinDeclaration.of(
            "regex.find_n",
            "array",
            "The first n matches of the pattern (all when n is -1).",
            "string",
            "string",
            "number");
    static final BuiltinDeclaration FIND_ALL_SUBMATCH_N = BuiltinDeclaration.of(
            "regex.find_all_string_submatch_n",
            "array",
            "The first n matches with their capture groups (all when n is -1).",
            "string",
            "string",
            "number");
    static final BuiltinDeclaration SPLIT = BuiltinDeclaration.of(
            "regex.split", "array", "Splits the value around matches of the pattern.", "string", "string");
    static final BuiltinDeclaration REPLACE = BuiltinDeclaration.of(
            "regex.replace",
            "string",
            "Replaces every match of the pattern, expanding $1-style references.",
            "string",
            "string",
            "string");
    static final BuiltinDeclaration TEMPLATE_MATCH = BuiltinDeclaration.of(
            "regex.template_match",
            "boolean",
            "Whether the value matches a template of literal text and delimited patterns.",
            "string",
            "string",
            "string",
            "string");
    static final BuiltinDeclaration GLOBS_MATCH = BuiltinDeclaration.of(
            "regex.globs_match",
            "boolean",
            "Whether two restricted patterns have a match in common.",
            "string",
            "string");

    private Regex() {}

    static void register(BuiltinRegistry r) {
        r.add(
                MATCH,
                (ctx, args) -> Values.bool(Values.guard(
                        "regex.match",
                        () -> Re2.matches(
                                Operands.string("regex.match", args, 1), Operands.string("regex.match", args, 2)))));
        r.add(IS_VALID, (ctx, args) -> Values.bool(args.get(0) instanceof StringValue s && Re2.isValid(s.value())));
        r.add(
                FIND_N,
                (ctx, args) -> Values.strings(Values.guard(
                        "regex.find_n",
                        () -> Re2.findN(
                                Operands.string("regex.find_n", args, 1),
                                Operands.string("regex.find_n", args, 2),
                                Operands.integer("regex.find_n", args, 3)))));
        r.add(FIND_ALL_SUBMATCH_N, (ctx, args) -> findAllSubmatch(args));
        r.add(
                SPLIT,
                (ctx, args) -> Values.strings(Values.guard(
                        "regex.split",
                        () -> Re2.split(
                                Operands.string("regex.split", args, 1), Operands.string("regex.split", args, 2)))));
        r.add(
                REPLACE,
                (ctx, args) -> Values.str(Values.guard(
                        "regex.replace",
                        () -> Re2.replaceAll(
                                Operands.string("regex.replace", args, 2),
                                Operands.string("regex.replace", args, 1),
                                Operands.string("regex.replace", args, 3)))));
        r.add(
                TEMPLATE_MATCH,
                (ctx, args) -> Values.bool(Values.guard(
                        "regex.template_match",
                        () -> RegexTemplate.matches(
                                Operands.string("regex.template_match", args, 1),
                                        Operands.string("regex.template_match", args, 2),
                                Operands.string("regex.template_match", args, 3),
                                        Operands.string("regex.template_match", args, 4)))));
        r.add(
                GLOBS_MATCH,
                (ctx, args) -> Values.bool(Values.guard(
                        "regex.globs_match",
                        () -> GlobIntersection.intersects(
                                Operands.string("regex.globs_match", args, 1),
                                Operands.string("regex.globs_match", args, 2)))));
    }

    private static Value findAllSubmatch(List<Value> args) {
        String name = "regex.find_all_string_submatch_n";
        List<List<String>> matches = Values.guard(
                name,
                () -> Re2.findAllSubmatchN(
                        Operands.string(name, args, 1),
                        Operands.string(name, args, 2),
                        Operands.integer(name, args, 3)));
        List<Value> out = new ArrayList<>(matches.size());
        for (List<String> groups : matches) out.add(Values.strings(groups));
        return ArrayValue.of(out);
    }
}
