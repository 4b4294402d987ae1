package dev.gate.cli.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of small Rego v1 programs and input documents, for differential runs against {@code opa eval}.
 * A program is one package of rules of every kind: complete rules with else chains and defaults, partial sets and
 * objects, functions (with clauses that may conflict), {@code every}, {@code some ... in}, comprehensions, {@code with},
 * and builtin calls whose arguments come from the input, so that wrong types and edge values (empty collections,
 * negative or zero numbers, out-of-range indexes) show up at run time. The same seed gives the same programs.
 */
final class RegoPrograms {

    /** One generated case: the module's text and the input document's JSON. */
    record Program(String module, String input) {}

    private enum Kind {
        NUMBER,
        STRING,
        BOOLEAN,
        ARRAY,
        SET,
        OBJECT
    }

    private record Rule(String name, Kind kind) {}

    private final Random random;
    private final List<Rule> rules = new ArrayList<>();
    private final List<String> functions = new ArrayList<>();

    RegoPrograms(long seed) {
        this.random = new Random(seed);
    }

    Program next() {
        rules.clear();
        functions.clear();
        StringBuilder module = new StringBuilder("package gen\n\n");
        int count = 3 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            module.append(rule("r" + i)).append('\n');
        }
        return new Program(module.toString(), input());
    }

    /**
     * The program with {@code opa test}-style tests added: for each rule, one that the rule is true on the program's
     * input and one that it equals a drawn JSON value, both {@code with input as} it, and a {@code todo_test_} to skip.
     */
    Program withTests(Program program) {
        StringBuilder module = new StringBuilder(program.module());
        for (Rule rule : rules) {
            module.append("\ntest_")
                    .append(rule.name())
                    .append(" if data.gen.")
                    .append(rule.name())
                    .append(" with input as ")
                    .append(program.input())
                    .append('\n');
            // The value compared comes through json.unmarshal: of no type a checker could refuse the comparison for.
            module.append("\ntest_")
                    .append(rule.name())
                    .append("_value if {\n\tdata.gen.")
                    .append(rule.name())
                    .append(" == json.unmarshal(")
                    .append(pick("\"0\"", "\"1\"", "\"-3\"", "\"\\\"a\\\"\"", "\"true\"", "\"[]\"", "\"{}\""))
                    .append(") with input as ")
                    .append(program.input())
                    .append("\n}\n");
        }
        module.append("\ntodo_test_later if false\n");
        return new Program(module.toString(), program.input());
    }

    private String input() {
        StringBuilder arr = new StringBuilder();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            arr.append(i == 0 ? "" : ",").append(random.nextInt(9) - 3);
        }
        return "{\"n\":" + (random.nextInt(9) - 3) + ",\"m\":" + random.nextInt(4) + ",\"f\":"
                + pick("2.5", "-1.25", "0", "3")
                + ",\"s\":" + pick("\"abc\"", "\"Hello World\"", "\"\"", "\"a,b,,c\"", "\"  x y  \"")
                + ",\"b\":" + random.nextBoolean() + ",\"arr\":[" + arr + "]"
                + ",\"strs\":" + pick("[\"x\",\"y\"]", "[]", "[\"b\",\"a\",\"b\"]")
                + ",\"obj\":" + pick("{\"a\":1,\"b\":2}", "{}", "{\"a\":\"1\",\"c\":[1,2]}", "{\"x\":{\"y\":3}}")
                + ",\"mixed\":" + pick("[1,\"1\",true,null]", "[[1],[2,3]]", "\"text\"", "5", "null") + "}";
    }

    private String rule(String name) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> complete(name);
            case 2 -> elseChain(name);
            case 3 -> withDefault(name);
            case 4 -> partialSet(name);
            case 5 -> partialObject(name);
            case 6 -> function(name);
            case 7 -> every(name);
            case 8 -> with(name);
            default -> conflicting(name);
        };
    }

    private String complete(String name) {
        Kind kind = anyKind();
        String rule = name + " := " + expr(kind, 2) + " if {\n\t" + condition(2) + "\n}\n";
        rules.add(new Rule(name, kind));
        return rule;
    }

    private String elseChain(String name) {
        String rule = name + " := " + expr(Kind.NUMBER, 1) + " if {\n\t" + condition(1) + "\n} else := "
                + expr(Kind.NUMBER, 1) + " if {\n\t" + condition(1) + "\n} else := " + random.nextInt(100) + "\n";
        rules.add(new Rule(name, Kind.NUMBER));
        return rule;
    }

    private String withDefault(String name) {
        Kind kind = random.nextBoolean() ? Kind.STRING : Kind.NUMBER;
        String rule = "default " + name + " := " + literal(kind) + "\n\n" + name + " := " + expr(kind, 2) + " if {\n\t"
                + condition(1) + "\n}\n";
        rules.add(new Rule(name, kind));
        return rule;
    }

    private String partialSet(String name) {
        rules.add(new Rule(name, Kind.SET));
        String source =
                pick("input.arr", "input.strs", "input.mixed", "object.keys(input.obj)", "numbers.range(0, input.m)");
        return name + " contains y if {\n\tsome x in " + source + "\n\t"
                + pick(
                        "y := x",
                        "y := [x, count(" + source + ")]",
                        "y := sprintf(\"%v\", [x])",
                        "y := x * 2",
                        "y := upper(x)")
                + "\n\t" + pick("true", "y != 0", "x != \"y\"", "not x == 1") + "\n}\n";
    }

    private String partialObject(String name) {
        rules.add(new Rule(name, Kind.OBJECT));
        return name + "[k] := v if {\n\tsome k, x in "
                + pick("input.obj", "input.arr", "input.strs", "{\"p\": input.n, \"q\": input.s}") + "\n\tv := "
                + pick("x", "[x]", "x + 1", "concat(\"-\", [k, \"v\"])", "count(input.strs)") + "\n}\n";
    }

    private String function(String name) {
        String fn = "f" + name.substring(1);
        functions.add(fn);
        String clauses = fn + "(x) := x * 2 if x > " + (random.nextInt(5) - 2) + "\n\n" + fn + "(x) := "
                + pick("x - 1", "0", "x", "-x") + " if x <= " + (random.nextInt(5) - 2) + "\n";
        String rule = clauses + "\n" + name + " := " + fn + "(" + expr(Kind.NUMBER, 1) + ")\n";
        rules.add(new Rule(name, Kind.NUMBER));
        return rule;
    }

    private String every(String name) {
        rules.add(new Rule(name, Kind.BOOLEAN));
        return name + " if {\n\tevery x in " + pick("input.arr", "input.strs", "[]", "input.obj") + " {\n\t\t"
                + pick("x > " + (random.nextInt(5) - 3), "is_number(x)", "x != \"b\"", "count([x, input.s]) >= 0")
                + "\n\t}\n}\n";
    }

    private String with(String name) {
        Rule earlier = rules.isEmpty() ? null : rules.get(random.nextInt(rules.size()));
        rules.add(new Rule(name, earlier == null ? Kind.NUMBER : earlier.kind()));
        String target = earlier == null ? "input.n" : earlier.name();
        return name + " := v if {\n\tv := " + target + " with input." + pick("n", "arr", "s", "obj", "b") + " as "
                + pick("7", "[]", "\"zz\"", "{\"a\": 9}", "false", "[1, 1, 2]") + "\n}\n";
    }

    private String conflicting(String name) {
        rules.add(new Rule(name, Kind.NUMBER));
        return name + " := input.n if input.b\n\n" + name + " := " + pick("input.n", "input.m", "1")
                + " if not input.b\n\n" + name + " := " + random.nextInt(3) + " if input.m > " + random.nextInt(4)
                + "\n";
    }

    /** One body expression; {@code not} and {@code some} only at the top, where Rego allows them. */
    private String condition(int depth) {
        return switch (random.nextInt(depth <= 0 ? 4 : 9)) {
            case 0 ->
                expr(Kind.NUMBER, depth - 1) + " " + pick(">", "<", ">=", "==", "!=") + " "
                        + expr(Kind.NUMBER, depth - 1);
            case 1 -> expr(Kind.STRING, depth - 1) + " " + pick("==", "!=", "<") + " " + expr(Kind.STRING, depth - 1);
            case 2 -> "input.b";
            case 3 ->
                pick("startswith", "endswith", "contains") + "(" + expr(Kind.STRING, depth - 1) + ", \""
                        + pick("a", "", "x ", "H") + "\")";
            case 4 -> "not " + condition(0);
            case 5 -> expr(Kind.NUMBER, depth - 1) + " in " + expr(Kind.ARRAY, depth - 1);
            case 6 -> "some i, _ in input.arr; i " + pick(">", "==") + " " + random.nextInt(3);
            case 7 -> rules.isEmpty() ? "true" : ruleReference();
            default ->
                "count(" + expr(pick(Kind.ARRAY, Kind.SET, Kind.OBJECT, Kind.STRING), depth - 1) + ") > "
                        + random.nextInt(3);
        };
    }

    /** A condition on an earlier rule: defined, or compared, as its kind allows. */
    private String ruleReference() {
        Rule rule = rules.get(random.nextInt(rules.size()));
        return switch (rule.kind()) {
            case NUMBER -> rule.name() + " > " + (random.nextInt(5) - 2);
            case BOOLEAN -> rule.name();
            case STRING -> rule.name() + " != \"\"";
            default -> "count(" + rule.name() + ") >= " + random.nextInt(2);
        };
    }

    private String expr(Kind kind, int depth) {
        if (depth <= 0 || random.nextInt(4) == 0) {
            return leaf(kind);
        }
        int d = depth - 1;
        return switch (kind) {
            case NUMBER ->
                pick(
                        expr(Kind.NUMBER, d) + " " + pick("+", "-", "*", "/", "%") + " " + expr(Kind.NUMBER, d),
                        "count(" + expr(pick(Kind.ARRAY, Kind.SET, Kind.STRING, Kind.OBJECT), d) + ")",
                        pick("sum", "max", "min", "product") + "(" + expr(pick(Kind.ARRAY, Kind.SET), d) + ")",
                        pick("abs", "round") + "(" + expr(Kind.NUMBER, d) + ")",
                        // ceil and floor only outside (-1, 0): there opa 1.22 is wrong (ceil(-0.5) is 1, floor(-0.5) is
                        // 0).
                        pick("ceil", "floor") + "(" + pick("input.f", "input.n", "-1.5", "2.5", "-7") + ")",
                        "to_number(" + pick("\"12\"", "\"-1.5\"", "input.s", "input.b", "null", "input.n") + ")",
                        "input.arr[" + expr(Kind.NUMBER, d) + "]",
                        "indexof(" + expr(Kind.STRING, d) + ", \"" + pick("b", "", "o") + "\")",
                        "object.get(input.obj, \"" + pick("a", "b", "z") + "\", " + random.nextInt(5) + ")",
                        "bits.and(" + expr(Kind.NUMBER, d) + ", 6)",
                        // Edge numbers: float results and their printing, big integers, division and rounding rules.
                        // Not numbers written 1.0 or 1e3 where their text shows: opa keeps a number's text
                        // (json.marshal(1.0) is "1.0", 1e3 is no integer to substring, 1e-7 * 1 prints 1e-07), gate
                        // keeps its value.
                        pick(
                                "0.1 + 0.2",
                                "1 / 3",
                                "7 / 2",
                                "-7 % 3",
                                "10000000000000000000 * 10",
                                "round(-2.5)",
                                "2.5 % 1",
                                "pow(2, 0.5)",
                                "ceil(-1.5)",
                                "floor(-1.5)",
                                "numbers.range(1.5, 3)[0]",
                                "to_number(\" 1\")",
                                "to_number(\"0x10\")",
                                "abs(-0)",
                                "count(\"héllo\")",
                                "1.0 * 3",
                                "sum([0.1, 0.2, 0.3])",
                                "max([1, 2.5])",
                                "min([])",
                                "product([])"),
                        functions.isEmpty()
                                ? "input.m"
                                : functions.get(random.nextInt(functions.size())) + "(" + expr(Kind.NUMBER, d) + ")");
            case STRING ->
                pick(
                        pick("upper", "lower", "trim_space") + "(" + expr(Kind.STRING, d) + ")",
                        "concat(\"" + pick(",", "", "-") + "\", " + expr(pick(Kind.ARRAY, Kind.SET), d) + ")",
                        "sprintf(\"" + pick("%v", "%d", "%s-%v", "%.1f") + "\", [" + expr(anyKind(), d)
                                + (random.nextBoolean() ? ", " + expr(anyKind(), d) : "") + "])",
                        "substring(" + expr(Kind.STRING, d) + ", " + expr(Kind.NUMBER, d) + ", "
                                + pick("-1", "2", "0", "input.m") + ")",
                        "replace(" + expr(Kind.STRING, d) + ", \"" + pick("a", "l", " ", "") + "\", \"_\")",
                        "split(" + expr(Kind.STRING, d) + ", \"" + pick(",", " ", "") + "\")[" + random.nextInt(3)
                                + "]",
                        "format_int(" + expr(Kind.NUMBER, d) + ", " + pick("2", "10", "16") + ")",
                        "json.marshal(" + expr(anyKind(), d) + ")",
                        "type_name(" + expr(anyKind(), d) + ")",
                        "trim(" + expr(Kind.STRING, d) + ", \"" + pick("a", " ", "xy") + "\")",
                        // Edge strings: Go formatting verbs, number printing through json and sprintf, unicode,
                        // regexes.
                        "sprintf(\"" + pick("%x", "%q", "%5d", "%-4s|", "%08.3f", "%e", "%g", "%v %v", "%T", "%%")
                                + "\", [" + expr(pick(Kind.NUMBER, Kind.STRING, Kind.ARRAY), d) + "])",
                        "json.marshal("
                                + pick(
                                        "0.1 + 0.2",
                                        "2.5 * 4",
                                        "100000000000000000000",
                                        "[1.5, {\"b\": null}]",
                                        "{\"b\": 1, \"a\": {2, 1}}",
                                        "3 / 2")
                                + ")",
                        pick("strings.reverse", "upper", "lower") + "(\"" + pick("héllo", "ǅ", "ß", "İ", "ﬃ") + "\")",
                        "substring(\"héllo\", " + pick("1, 2", "-1, 2", "10, 1", "0, -1") + ")",
                        pick("trim_left", "trim_right", "trim_prefix", "trim_suffix") + "(" + expr(Kind.STRING, d)
                                + ", \"" + pick("a", "ab", " ", "H") + "\")",
                        "regex.replace(" + expr(Kind.STRING, d) + ", \"" + pick("[aeiou]", "l+", "^", "(o)")
                                + "\", \"$1_\")",
                        "concat(\",\", regex.find_n(\"" + pick("[a-z]+", ".", "b?") + "\", " + expr(Kind.STRING, d)
                                + ", " + pick("-1", "2", "0") + "))",
                        "format_int(" + pick("-3.7", "255", "1e3", "input.f") + ", " + pick("2", "8", "16") + ")",
                        "concat(\"|\", [" + pick("\"a\"", "input.s") + ", \"" + pick("%", "\\u00e9", "\\t") + "\"])");
            case BOOLEAN ->
                pick(
                        "is_number(" + expr(anyKind(), d) + ")",
                        "input.b",
                        "startswith(" + expr(Kind.STRING, d) + ", \"a\")",
                        // Ordering across types, as Rego compares any two values.
                        pick(
                                "1 < \"a\"",
                                "[1] < {1}",
                                "null < false",
                                "{\"a\": 1} > [9]",
                                "1 == 1.0",
                                "{1, 1.0} == {1}",
                                "\"B\" < \"a\"",
                                "[1, 2] < [1, 2, 0]"),
                        "regex.match(\"" + pick("^a", "o", "[0-9]+", "^$") + "\", " + expr(Kind.STRING, d) + ")");
            case ARRAY ->
                pick(
                        "[" + pick("a", "(a * 2)", "a * 2", "(a + 1)").replace("a", "a" + d) + " | some a" + d + " in "
                                + expr(pick(Kind.ARRAY, Kind.SET), d) + "; "
                                + pick("a > 0", "true", "a != 2").replace("a", "a" + d) + "]",
                        "sort(" + expr(pick(Kind.ARRAY, Kind.SET), d) + ")",
                        "array.concat(" + expr(Kind.ARRAY, d) + ", " + expr(Kind.ARRAY, d) + ")",
                        "array.slice(" + expr(Kind.ARRAY, d) + ", " + expr(Kind.NUMBER, d) + ", "
                                + pick("1", "3", "-1", "input.m") + ")",
                        "array.reverse(" + expr(Kind.ARRAY, d) + ")",
                        "split(" + expr(Kind.STRING, d) + ", \"" + pick(",", " ", "") + "\")",
                        "[" + expr(Kind.NUMBER, d) + ", " + expr(Kind.STRING, d) + "]",
                        "numbers.range(" + expr(Kind.NUMBER, d) + ", " + pick("2", "-2", "input.m") + ")");
            case SET ->
                pick(
                        // A name of its own per depth: opa 1.22 refuses three comprehensions nested in one another that
                        // all name their variable x (rego_unsafe_var_error), though it takes two, and gate takes both.
                        "{s" + d + " | some s" + d + " in " + expr(pick(Kind.ARRAY, Kind.SET), d) + "}",
                        expr(Kind.SET, d) + " " + pick("|", "&", "-") + " " + expr(Kind.SET, d),
                        "union({" + expr(Kind.SET, d) + ", " + expr(Kind.SET, d) + "})",
                        "object.keys(" + expr(Kind.OBJECT, d) + ")",
                        "{" + expr(Kind.NUMBER, d) + ", " + expr(Kind.STRING, d) + "}");
            case OBJECT ->
                pick(
                        "{k: v | some k, v in " + expr(Kind.OBJECT, d) + "; " + pick("v != 1", "true", "is_number(v)")
                                + "}",
                        "object.union(" + expr(Kind.OBJECT, d) + ", " + expr(Kind.OBJECT, d) + ")",
                        "object.remove(" + expr(Kind.OBJECT, d) + ", [\"a\"])",
                        "json.unmarshal(" + pick("\"{\\\"a\\\": 1}\"", "input.s", "\"[1]\"") + ")",
                        "{\"" + pick("a", "k") + "\": " + expr(anyKind(), d) + "}");
        };
    }

    /** A leaf of a kind: mostly the input (unknown to a type checker), at times a literal or an earlier rule of that kind. */
    private String leaf(Kind kind) {
        List<String> same =
                rules.stream().filter(r -> r.kind() == kind).map(Rule::name).toList();
        if (!same.isEmpty() && random.nextInt(4) == 0) {
            return same.get(random.nextInt(same.size()));
        }
        if (random.nextInt(3) == 0) {
            return literal(kind);
        }
        return switch (kind) {
            case NUMBER -> pick("input.n", "input.m", "input.f", "input.arr[0]", "input.mixed");
            case STRING -> pick("input.s", "input.strs[0]", "input.obj.a", "input.mixed");
            case BOOLEAN -> pick("input.b", "input.obj.b");
            case ARRAY -> pick("input.arr", "input.strs", "input.mixed", "input.obj.c");
            case SET -> pick("{x | some x in input.arr}", "{x | some x in input.strs}", "{x | some x in input.mixed}");
            case OBJECT -> pick("input.obj", "input.obj.x", "{\"a\": input.n}");
        };
    }

    private String literal(Kind kind) {
        return switch (kind) {
            case NUMBER -> pick("0", "1", "-2", "3.5", "10");
            case STRING -> pick("\"\"", "\"a\"", "\"Hello\"", "\"1,2\"");
            case BOOLEAN -> pick("true", "false");
            case ARRAY -> pick("[]", "[1, 2, 3]", "[\"a\", 1]");
            case SET -> pick("set()", "{1, 2}", "{\"a\"}");
            case OBJECT -> pick("{}", "{\"a\": 1}", "{\"b\": [1]}");
        };
    }

    private Kind anyKind() {
        return Kind.values()[random.nextInt(Kind.values().length)];
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
