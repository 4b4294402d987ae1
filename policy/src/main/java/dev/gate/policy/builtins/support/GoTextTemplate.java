package dev.gate.policy.builtins.support;

import dev.gate.policy.builtins.support.GoTextTemplateParser.IfNode;
import dev.gate.policy.builtins.support.GoTextTemplateParser.Node;
import dev.gate.policy.builtins.support.GoTextTemplateParser.OutputNode;
import dev.gate.policy.builtins.support.GoTextTemplateParser.Pipeline;
import dev.gate.policy.builtins.support.GoTextTemplateParser.RangeNode;
import dev.gate.policy.builtins.support.GoTextTemplateParser.Term;
import dev.gate.policy.builtins.support.GoTextTemplateParser.TextNode;
import dev.gate.policy.builtins.support.GoTextTemplateParser.WithNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * strings.render_template: Go's text/template (missing keys print as {@code <no value>}) over JSON-shaped data (maps with string keys,
 * lists, strings, Double numbers as json.Unmarshal makes them, Booleans, null). Supported: fields and chains
 * ({@code .a.b}, {@code $}, {@code $x.a}), {@code if / else if / else}, {@code range} (with {@code $i, $v :=}),
 * {@code with}, pipelines, parentheses, comments, trim markers, and the functions len, index, eq, ne, lt, le, gt,
 * ge, and, or, not, print, printf, println. Errors read as Go's, e.g.
 * {@code template: template:1:5: executing "template" at <.a.b>: nil pointer evaluating interface {}.b}.
 */
public final class GoTextTemplate {
    private final String text;

    private GoTextTemplate(String text) {
        this.text = text;
    }

    public static String render(String template, Object data) {
        List<Node> body = GoTextTemplateParser.parse(template);
        StringBuilder out = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", data);
        new GoTextTemplate(template).run(body, data, vars, out);
        return out.toString();
    }

    private void run(List<Node> nodes, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof TextNode t) {
                out.append(t.text());
            } else if (n instanceof OutputNode o) {
                out.append(GoTextTemplateFunctions.print(eval(o.pipe(), dot, vars)));
            } else if (n instanceof IfNode i) {
                run(
                        GoTextTemplateFunctions.truthy(eval(i.cond(), dot, vars)) ? i.then() : i.otherwise(),
                        dot,
                        vars,
                        out);
            } else if (n instanceof WithNode w) {
                Object v = eval(w.value(), dot, vars);
                if (GoTextTemplateFunctions.truthy(v)) run(w.body(), v, vars, out);
                else run(w.otherwise(), dot, vars, out);
            } else if (n instanceof RangeNode r) {
                range(r, dot, vars, out);
            }
        }
    }

    private void range(RangeNode r, Object dot, Map<String, Object> vars, StringBuilder out) {
        Object over = eval(r.over(), dot, vars);
        List<Object[]> items = new ArrayList<>();
        if (over instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) items.add(new Object[] {(double) i, list.get(i)});
        } else if (over instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((k, v) -> items.add(new Object[] {k, v}));
        } else if (over != null) {
            throw execError(r.over().pos(), "range can't iterate over " + GoTextTemplateFunctions.print(over));
        }
        if (items.isEmpty()) {
            run(r.otherwise(), dot, vars, out);
            return;
        }
        for (Object[] item : items) {
            Map<String, Object> scope = new HashMap<>(vars);
            if (r.keyVar() != null)
                scope.put(r.keyVar(), item[0] instanceof Double d ? (Object) (double) d.intValue() : item[0]);
            if (r.valueVar() != null) scope.put(r.valueVar(), item[1]);
            run(r.body(), item[1], scope, out);
        }
    }

    private Object eval(Pipeline p, Object dot, Map<String, Object> vars) {
        Object result = null;
        boolean first = true;
        for (List<Term> command : p.commands()) {
            List<Object> extra = first ? List.of() : java.util.Collections.singletonList(result);
            result = command(command, dot, vars, extra);
            first = false;
        }
        return result;
    }

    private Object command(List<Term> command, Object dot, Map<String, Object> vars, List<Object> piped) {
        Term head = command.get(0);
        if (head.kind().equals("function")) {
            List<Object> args = new ArrayList<>();
            for (Term t : command.subList(1, command.size())) args.add(operand(t, dot, vars));
            args.addAll(piped);
            return callFunction(head, args);
        }
        if (command.size() > 1 || !piped.isEmpty())
            throw execError(head.pos(), "can't give argument to non-function " + head.text());
        return operand(head, dot, vars);
    }

    private Object operand(Term t, Object dot, Map<String, Object> vars) {
        return switch (t.kind()) {
            case "literal" -> t.literal();
            case "field" -> fields(t, dot, t.fields());
            case "variable" -> {
                if (!vars.containsKey(t.text())) throw execError(t.pos(), "undefined variable: " + t.text());
                yield fields(t, vars.get(t.text()), t.fields());
            }
            case "pipe" -> fields(t, eval(t.inner(), dot, vars), t.fields());
            default -> callFunction(t, List.of());
        };
    }

    private Object fields(Term t, Object start, List<String> fields) {
        Object v = start;
        for (String f : fields) {
            if (v instanceof Map<?, ?> m) {
                // missingkey=default: a missing key is no value, and so is any field read through it.
                if (!m.containsKey(f)) return null;
                v = m.get(f);
            } else if (v == null) {
                throw execError(t.pos(), "nil pointer evaluating interface {}." + f, t.text());
            } else {
                throw execError(
                        t.pos(),
                        "can't evaluate field " + f + " in type " + GoTextTemplateFunctions.goType(v),
                        t.text());
            }
        }
        return v;
    }

    private Object callFunction(Term fn, List<Object> args) {
        try {
            return GoTextTemplateFunctions.call(fn.text(), args);
        } catch (GoTextTemplateFunctions.FunctionError e) {
            throw execError(fn.pos(), e.getMessage());
        }
    }

    private String location(int pos) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "template:" + line + ":" + (pos - lineStart);
    }

    private IllegalArgumentException execError(int pos, String message) {
        return new IllegalArgumentException("template: " + location(pos) + ": executing \"template\": " + message);
    }

    private IllegalArgumentException execError(int pos, String message, String at) {
        return new IllegalArgumentException(
                "template: " + location(pos) + ": executing \"template\" at <" + at + ">: " + message);
    }
}
