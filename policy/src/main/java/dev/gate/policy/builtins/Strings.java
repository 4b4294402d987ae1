package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoFormat;
import dev.gate.policy.builtins.support.GoStrings;
import dev.gate.policy.builtins.support.GoTextTemplate;
import dev.gate.policy.builtins.support.OpaNumbers;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The string builtins: search, split, replace, trim, case, substring, format_int and sprintf. */
final class Strings {
    static final BuiltinDeclaration CONCAT = BuiltinDeclaration.of(
            "concat",
            "string",
            "Joins a set or array of strings with a delimiter.",
            "string",
            "array[string]|set[string]");
    static final BuiltinDeclaration CONTAINS = BuiltinDeclaration.of(
            "contains", "boolean", "Whether the string contains the search string.", "string", "string");
    static final BuiltinDeclaration STARTSWITH = BuiltinDeclaration.of(
            "startswith", "boolean", "Whether the string starts with the search string.", "string", "string");
    static final BuiltinDeclaration ENDSWITH = BuiltinDeclaration.of(
            "endswith", "boolean", "Whether the string ends with the search string.", "string", "string");
    static final BuiltinDeclaration SPLIT = BuiltinDeclaration.of(
            "split", "array", "Splits a string at every occurrence of a delimiter.", "string", "string");
    static final BuiltinDeclaration SPLIT_N = BuiltinDeclaration.of(
            "strings.split_n",
            "array[string]",
            "At most n parts of a split: the first n for n > 0, the last -n for n < 0, none for 0.",
            "string",
            "string",
            "number");
    static final BuiltinDeclaration REPLACE = BuiltinDeclaration.of(
            "replace", "string", "Replaces every occurrence of a string.", "string", "string", "string");
    static final BuiltinDeclaration REPLACE_N = BuiltinDeclaration.of(
            "strings.replace_n",
            "string",
            "Replaces each key of the pattern object by its value, left to right.",
            "object",
            "string");
    static final BuiltinDeclaration TRIM = BuiltinDeclaration.of(
            "trim", "string", "Removes leading and trailing characters of a cutset.", "string", "string");
    static final BuiltinDeclaration TRIM_LEFT =
            BuiltinDeclaration.of("trim_left", "string", "Removes leading characters of a cutset.", "string", "string");
    static final BuiltinDeclaration TRIM_RIGHT = BuiltinDeclaration.of(
            "trim_right", "string", "Removes trailing characters of a cutset.", "string", "string");
    static final BuiltinDeclaration TRIM_PREFIX =
            BuiltinDeclaration.of("trim_prefix", "string", "Removes a leading prefix.", "string", "string");
    static final BuiltinDeclaration TRIM_SUFFIX =
            BuiltinDeclaration.of("trim_suffix", "string", "Removes a trailing suffix.", "string", "string");
    static final BuiltinDeclaration TRIM_SPACE =
            BuiltinDeclaration.of("trim_space", "string", "Removes leading and trailing white space.", "string");
    static final BuiltinDeclaration LOWER = BuiltinDeclaration.of("lower", "string", "Lower-cases a string.", "string");
    static final BuiltinDeclaration UPPER = BuiltinDeclaration.of("upper", "string", "Upper-cases a string.", "string");
    static final BuiltinDeclaration INDEXOF = BuiltinDeclaration.of(
            "indexof", "number", "Index of the first occurrence, in characters, or -1.", "string", "string");
    static final BuiltinDeclaration INDEXOF_N = BuiltinDeclaration.of(
            "indexof_n", "array", "Indexes of every occurrence, in characters.", "string", "string");
    static final BuiltinDeclaration SUBSTRING = BuiltinDeclaration.of(
            "substring",
            "string",
            "Part of a string from an offset, of a length (negative: to the end), in characters.",
            "string",
            "number",
            "number");
    static final BuiltinDeclaration FORMAT_INT = BuiltinDeclaration.of(
            "format_int", "string", "Writes a number's integer part in base 2, 8, 10 or 16.", "number", "number");
    static final BuiltinDeclaration SPRINTF =
            BuiltinDeclaration.of("sprintf", "string", "Formats values as Go's fmt.Sprintf does.", "string", "array");
    static final BuiltinDeclaration ANY_PREFIX_MATCH = BuiltinDeclaration.of(
            "strings.any_prefix_match",
            "boolean",
            "Whether any search string starts with any of the prefixes.",
            "string|array|set",
            "string|array|set");
    static final BuiltinDeclaration ANY_SUFFIX_MATCH = BuiltinDeclaration.of(
            "strings.any_suffix_match",
            "boolean",
            "Whether any search string ends with any of the suffixes.",
            "string|array|set",
            "string|array|set");
    static final BuiltinDeclaration REVERSE =
            BuiltinDeclaration.of("strings.reverse", "string", "Reverses a string by characters.", "string");
    static final BuiltinDeclaration COUNT = BuiltinDeclaration.of(
            "strings.count", "number", "Counts non-overlapping occurrences of a substring.", "string", "string");
    static final BuiltinDeclaration RENDER_TEMPLATE = BuiltinDeclaration.of(
            "strings.render_template",
            "string",
            "Renders a Go text/template with the object's entries as its data; a missing key renders as <undefined>.",
            "string",
            "object");

    private Strings() {}

    private static Value splitN(List<Value> args) {
        String name = SPLIT_N.name();
        List<String> parts = GoStrings.split(Operands.string(name, args, 1), Operands.string(name, args, 2));
        java.math.BigInteger n = Values.bigInteger(name, args, 3);
        int count = n.abs().min(java.math.BigInteger.valueOf(parts.size())).intValue();
        return Values.strings(
                n.signum() >= 0 ? parts.subList(0, count) : parts.subList(parts.size() - count, parts.size()));
    }

    static void register(BuiltinRegistry r) {
        r.add(CONCAT, (ctx, args) -> concat(args));
        predicate(r, CONTAINS, String::contains);
        predicate(r, STARTSWITH, String::startsWith);
        predicate(r, ENDSWITH, String::endsWith);
        r.add(
                SPLIT,
                (ctx, args) -> Values.strings(
                        GoStrings.split(Operands.string("split", args, 1), Operands.string("split", args, 2))));
        r.add(SPLIT_N, (ctx, args) -> splitN(args));
        r.add(
                REPLACE,
                (ctx, args) -> Values.str(GoStrings.replaceAll(
                        Operands.string("replace", args, 1),
                        Operands.string("replace", args, 2),
                        Operands.string("replace", args, 3))));
        r.add(REPLACE_N, (ctx, args) -> replaceN(args));
        binary(r, TRIM, GoStrings::trim);
        binary(r, TRIM_LEFT, GoStrings::trimLeft);
        binary(r, TRIM_RIGHT, GoStrings::trimRight);
        binary(r, TRIM_PREFIX, GoStrings::trimPrefix);
        binary(r, TRIM_SUFFIX, GoStrings::trimSuffix);
        unary(r, TRIM_SPACE, GoStrings::trimSpace);
        unary(r, LOWER, GoStrings::lower);
        unary(r, UPPER, GoStrings::upper);
        unary(r, REVERSE, GoStrings::reverse);
        r.add(
                INDEXOF,
                (ctx, args) ->
                        Values.num(GoStrings.indexOf(Operands.string("indexof", args, 1), search("indexof", args))));
        r.add(
                INDEXOF_N,
                (ctx, args) -> Values.integers(
                        GoStrings.indexOfAll(Operands.string("indexof_n", args, 1), search("indexof_n", args))));
        r.add(
                COUNT,
                (ctx, args) -> Values.num(GoStrings.count(
                        Operands.string("strings.count", args, 1), Operands.string("strings.count", args, 2))));
        r.add(SUBSTRING, (ctx, args) -> substring(args));
        r.add(RENDER_TEMPLATE, (ctx, args) -> {
            String template = Operands.string(RENDER_TEMPLATE.name(), args, 1);
            Object data = TemplateData.of(Operands.object(RENDER_TEMPLATE.name(), args, 2));
            // As OPA: what Go prints for a missing value reads "<undefined>".
            return Values.str(Values.guard(RENDER_TEMPLATE.name(), () -> GoTextTemplate.render(template, data))
                    .replace("<no value>", "<undefined>"));
        });
        r.add(FORMAT_INT, (ctx, args) -> formatInt(args));
        r.add(SPRINTF, (ctx, args) -> sprintf(args));
        r.add(ANY_PREFIX_MATCH, (ctx, args) -> anyMatch("strings.any_prefix_match", args, String::startsWith));
        r.add(ANY_SUFFIX_MATCH, (ctx, args) -> anyMatch("strings.any_suffix_match", args, String::endsWith));
    }

    private static void predicate(BuiltinRegistry r, BuiltinDeclaration d, BiPredicate<String, String> test) {
        r.add(
                d,
                (ctx, args) ->
                        Values.bool(test.test(Operands.string(d.name(), args, 1), Operands.string(d.name(), args, 2))));
    }

    private static void binary(BuiltinRegistry r, BuiltinDeclaration d, BinaryOperator<String> op) {
        r.add(
                d,
                (ctx, args) ->
                        Values.str(op.apply(Operands.string(d.name(), args, 1), Operands.string(d.name(), args, 2))));
    }

    private static void unary(BuiltinRegistry r, BuiltinDeclaration d, UnaryOperator<String> op) {
        r.add(d, (ctx, args) -> Values.str(op.apply(Operands.string(d.name(), args, 1))));
    }

    /** The needle of indexof / indexof_n; OPA refuses an empty one. */
    private static String search(String name, List<Value> args) {
        String needle = Operands.string(name, args, 2);
        if (needle.isEmpty()) throw BuiltinException.builtin(name, "empty search character");
        return needle;
    }

    private static Value concat(List<Value> args) {
        String delimiter = Operands.string("concat", args, 1);
        return Values.str(String.join(delimiter, Values.stringElements("concat", args, 2, "set", "array")));
    }

    private static Value replaceN(List<Value> args) {
        ObjectValue patterns = Operands.object("strings.replace_n", args, 1);
        String s = Operands.string("strings.replace_n", args, 2);
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<Value, Value> e : patterns.entries().entrySet()) {
            if (!(e.getKey() instanceof StringValue k)) {
                throw BuiltinException.type("strings.replace_n: operand 1 non-string key found in pattern object");
            }
            if (!(e.getValue() instanceof StringValue v)) {
                throw BuiltinException.type("strings.replace_n: operand 1 non-string value found in pattern object");
            }
            pairs.add(new AbstractMap.SimpleEntry<>(k.value(), v.value()));
        }
        return Values.str(GoStrings.replaceEach(s, pairs));
    }

    private static Value substring(List<Value> args) {
        String s = Operands.string("substring", args, 1);
        int offset = Operands.integer("substring", args, 2);
        int length = Operands.integer("substring", args, 3);
        try {
            return Values.str(GoStrings.substring(s, offset, length));
        } catch (IllegalArgumentException e) {
            throw BuiltinException.builtin("substring", e.getMessage());
        }
    }

    private static Value formatInt(List<Value> args) {
        NumberValue n = Operands.number("format_int", args, 1);
        NumberValue base = Operands.number("format_int", args, 2);
        Integer b = base.intValueExact();
        if (b == null || b != 2 && b != 8 && b != 10 && b != 16) {
            throw BuiltinException.type("format_int: operand 2 must be one of {2, 8, 10, 16}");
        }
        return Values.str(OpaNumbers.formatInt(n.decimal(), b));
    }

    private static Value sprintf(List<Value> args) {
        String format = Operands.string("sprintf", args, 1);
        ArrayValue values = Operands.array("sprintf", args, 2);
        List<Object> converted = new ArrayList<>(values.size());
        for (Value v : values.elements()) {
            if (v instanceof NumberValue n) converted.add(GoFormat.numberArgument(numberText(n)));
            else if (v instanceof StringValue s) converted.add(s.value());
            else converted.add(RegoText.term(v));
        }
        return Values.str(GoFormat.sprintf(format, converted));
    }

    /**
     * The number's text as OPA holds it: a large round integer keeps the exponent form it is written in (2e308),
     * which decides how sprintf sees it (beyond float64 it is printed as that text); one written as a float
     * ({@code 100.0}, {@code 1e2}) stays a float.
     */
    private static String numberText(NumberValue n) {
        BigDecimal stripped = n.decimal().stripTrailingZeros();
        if (stripped.scale() < -20) return stripped.unscaledValue() + "e" + (-stripped.scale());
        return n.writtenAsFloat() && n.isInteger() ? n + ".0" : n.toString();
    }

    private static Value anyMatch(String name, List<Value> args, BiPredicate<String, String> test) {
        List<String> search = oneOrMany(name, args, 1);
        List<String> affixes = oneOrMany(name, args, 2);
        for (String s : search) {
            for (String a : affixes) {
                if (test.test(s, a)) return Values.bool(true);
            }
        }
        return Values.bool(false);
    }

    private static List<String> oneOrMany(String name, List<Value> args, int pos) {
        Value v = args.get(pos - 1);
        if (v instanceof StringValue s) return List.of(s.value());
        if (v instanceof ArrayValue || v instanceof SetValue) return Values.stringElements(name, args, pos);
        throw Operands.mustBeOneOf(name, pos, v, "string", "set", "array");
    }
}
