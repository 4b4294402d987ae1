package dev.gate.policy.syntax;

import dev.gate.policy.ast.Annotations;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for Rego v1. Newlines separate body expressions: as in OPA, an infix operator
 * ({@code + == := in ...}) continues an expression across a line break, but an index, a dot or a call's parenthesis on
 * the next line never continues the term before it.
 * Operator precedence, lowest first: {@code in}, relations, {@code |}, {@code &}, {@code + -}, {@code * / %}.
 * One class on purpose, long as it is: each method is one production of Rego's grammar and they call one another
 * (a term holds bodies, a body holds terms), over one token cursor; split, the grammar would be read across files.
 * What is not grammar lives beside it ({@link Lexer}, {@code TemplateParser}, {@code LogicalOperators}, {@code Wildcards}).
 */
public final class Parser {
    /** Deeper than any policy a person writes, and well within the stack of the thread that parses. */
    static final int MAX_DEPTH = 200;

    private int depth;

    private static final Map<String, String> RELATIONS =
            Map.of("==", "equal", "!=", "neq", "<", "lt", "<=", "lte", ">", "gt", ">=", "gte");
    private static final Map<String, String> ARITH = Map.of("+", "plus", "-", "minus");
    private static final Map<String, String> FACTOR = Map.of("*", "mul", "/", "div", "%", "rem");
    private static final Set<String> V1_KEYWORDS = union(RegoVersion.V0_KEYWORDS, RegoVersion.FUTURE_KEYWORDS);
    private static final String V0_HINT =
            " (this is Rego v0 syntax: read it with --rego-version v0, or write it as v1 with `if`"
                    + " before bodies and `contains` for partial sets)";

    private final Source source;
    private final RegoVersion version;
    /** The words that are keywords here: all of v1's, or v0's and those imported from future.keywords. */
    private Set<String> keywords = V1_KEYWORDS;
    /** The module is read as v0 (its dialect is v0 and it does not import rego.v1). */
    private boolean v0;
    /** The module imports {@code not} from future.keywords (or all of them, or rego.v2): {@code not { ... }} is read. */
    private boolean notBodies;

    private final LogicalOperators logical = new LogicalOperators(this);
    private final Wildcards wildcards;
    private final Lexer lexer;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Boolean> newlineBefore = new ArrayList<>();
    private int p;

    private Parser(Source source, RegoVersion version, Wildcards wildcards) {
        this.source = source;
        this.version = version;
        this.wildcards = wildcards;
        this.lexer = new Lexer(source);
        boolean nl = false;
        for (Token t : lexer.tokenize()) {
            if (t.kind() == Token.Kind.NEWLINE) {
                nl = true;
                continue;
            }
            tokens.add(t);
            newlineBefore.add(nl);
            nl = false;
        }
    }

    /** A module in Rego v1, OPA 1.x's default dialect. */
    public static Module parseModule(Source source) {
        return parseModule(source, RegoVersion.V1);
    }

    /** A module in the given dialect; {@code import rego.v1} makes it v1 whatever the dialect. */
    public static Module parseModule(Source source, RegoVersion version) {
        return new Parser(source, version, new Wildcards()).module();
    }

    public static List<Literal> parseQuery(Source source) {
        return parseQuery(source, new Wildcards());
    }

    /** A query whose wildcards continue {@code wildcards}' numbering (a template's expression inside a module). */
    static List<Literal> parseQuery(Source source, Wildcards wildcards) {
        Parser parser = new Parser(source, RegoVersion.V1, wildcards);
        List<Literal> body = parser.literalsUntil(null);
        if (body.isEmpty()) throw parser.error(parser.peek(), "empty query");
        return body;
    }

    public static Term parseTerm(Source source) {
        Parser parser = new Parser(source, RegoVersion.V1, new Wildcards());
        Term t = parser.infix();
        parser.expectEnd();
        return t;
    }

    // ---- module level -------------------------------------------------------------------------------------------

    private Module module() {
        AnnotationBlocks metadata = new AnnotationBlocks(source, lexer.comments());
        if (!atKeyword("package")) throw error(peek(), "expected package declaration");
        Annotations packageAnnotations = metadata.claim(next().span().line(), "package");
        List<String> pkg = dottedPath(true);
        List<Module.Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        while (atKeyword("import")) {
            metadata.claim(peek().span().line(), "import");
            imports.add(importDecl());
        }
        dialect(imports);
        while (peek().kind() != Token.Kind.EOF) {
            if (atKeyword("import")) throw error(peek(), "import must come before rules");
            if (atKeyword("package")) throw error(peek(), "unexpected package: one package per file");
            rules.addAll(rules(metadata.claim(peek().span().line(), "rule")));
        }
        return new Module(source, pkg, imports, rules, packageAnnotations, v0 ? RegoVersion.V0 : RegoVersion.V1);
    }

    /**
     * After the imports: a v0 module that does not import rego.v1 has v0's keywords and those it imports; any module
     * may import OPA's newer keywords ({@code and}, {@code or}, {@code not { ... }}) one by one from future.keywords,
     * all of them with {@code future.keywords}, or with {@code rego.v2}.
     */
    private void dialect(List<Module.Import> imports) {
        Set<String> imported = new java.util.HashSet<>();
        boolean v1 = version != RegoVersion.V0;
        if (version == RegoVersion.V2) imported.addAll(RegoVersion.NEWER_KEYWORDS);
        for (Module.Import i : imports) {
            List<String> path = i.path();
            if (path.equals(List.of("rego", "v1"))) v1 = true;
            if (path.equals(List.of("rego", "v2"))) {
                v1 = true;
                imported.addAll(RegoVersion.NEWER_KEYWORDS);
            }
            if (!path.get(0).equals("future") || path.size() < 2 || !path.get(1).equals("keywords")) continue;
            if (path.size() == 2) {
                imported.addAll(RegoVersion.FUTURE_KEYWORDS);
                imported.addAll(RegoVersion.NEWER_KEYWORDS);
            } else if (RegoVersion.FUTURE_KEYWORDS.contains(path.get(2))
                    || RegoVersion.NEWER_KEYWORDS.contains(path.get(2))) {
                imported.add(path.get(2));
            }
        }
        notBodies = imported.contains("not");
        Set<String> words = new java.util.HashSet<>(v1 ? V1_KEYWORDS : RegoVersion.V0_KEYWORDS);
        if (!v1) {
            v0 = true;
            words.addAll(imported);
            if (words.contains("every")) words.add("in"); // as in OPA, every brings the in it is written with
        }
        if (imported.contains("and")) words.add("and");
        if (imported.contains("or")) words.add("or");
        keywords = Set.copyOf(words);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private Module.Import importDecl() {
        Token at = next();
        List<String> path = dottedPath(false);
        String root = path.get(0);
        if (!Set.of("data", "input", "future", "rego").contains(root)) {
            throw error(at, "invalid import path " + String.join(".", path) + ": must begin with input or data");
        }
        String alias = path.get(path.size() - 1);
        if (isKeyword(peek(), "as")) {
            next();
            alias = expectIdent("import alias").text();
        }
        return new Module.Import(path, alias);
    }

    /** {@code a.b["c"]}; package paths may not hold keywords as their first name. */
    private List<String> dottedPath(boolean isPackage) {
        List<String> path = new ArrayList<>();
        path.add(expectIdent(isPackage ? "package name" : "import path").text());
        while (!newlineBefore() && (peekOp(".") || peekOp("["))) {
            if (acceptOp(".")) path.add(expectName().text());
            else {
                next();
                Token s = next();
                if (s.kind() != Token.Kind.STRING && s.kind() != Token.Kind.RAW_STRING)
                    throw error(s, "expected string in path");
                path.add(s.text());
                expectOp("]");
            }
        }
        return path;
    }

    /**
     * One rule, its else chain, and any further bodies for the same head ({@code p if { a } { b }} is two rules, as
     * in OPA). A rule's parts may be spread over lines: only body literals are separated by newlines.
     */
    private List<Rule> rules(Annotations annotations) {
        Token start = peek();
        boolean isDefault = false;
        if (atKeyword("default")) {
            next();
            isDefault = true;
        }
        ruleNameNotKeyword();
        List<Term> head = headRef();
        List<Term> args = null;
        boolean emptyArgs = false;
        if (!newlineBefore() && peekOp("(")) {
            next();
            args = termList(")");
            emptyArgs = args.isEmpty();
            if (emptyArgs) args = null; // as in OPA, f() := 1 is the rule f := 1, not a function
        }
        Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.VALUE;
        Term value = null;
        boolean assigned = peekOp(":=");
        if (atKeyword("contains")) {
            next();
            kind = Rule.Kind.SET;
            value = infix();
        } else if (peekOp(":=") || peekOp("=")) {
            next();
            value = infix();
        }
        if (isDefault && value == null) throw error(start, "default rule must have a value");
        boolean hasIf = atKeyword("if");
        if (!isDefault && !hasIf && value == null && !peekOp("{")) headAlone(start, head, args, emptyArgs);
        if (!hasIf && kind == Rule.Kind.VALUE && value == null && head.size() == 2) {
            // p[x] without `if`: a multi-value rule, as v0 writes it (v1 wants `p contains x`).
            if (!v0 && !peekOp("{"))
                throw error(start, "`contains` keyword is required for partial set rules" + V0_HINT);
            kind = Rule.Kind.SET;
            value = head.get(1);
            head = List.of(head.get(0));
        }
        List<Literal> body = ruleBody(isDefault, start);
        Rule elseRule = elseChain(kind, head, args);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(
                kind,
                head,
                args,
                value,
                body,
                isDefault,
                elseRule,
                start.span(),
                source.fileName(),
                annotations,
                assigned));
        while (!isDefault && !body.isEmpty() && peekOp("{")) {
            if (elseRule != null) throw error(peek(), "expected else keyword");
            Token brace = peek();
            rules.add(new Rule(
                    kind,
                    head,
                    args,
                    value,
                    braceBody(),
                    false,
                    null,
                    brace.span(),
                    source.fileName(),
                    annotations,
                    assigned));
        }
        return rules;
    }

    /**
     * A head with neither value nor body is a rule only where OPA makes one of it: {@code f(x)} is {@code f(x) = true},
     * {@code p[x]} and {@code p.x} a set's entry, and in v0 {@code p.q.r} is {@code p.q.r = true}. A name alone, or
     * {@code f()}, is no rule; in v0 that is what an unimported {@code contains} or {@code if} leaves, and OPA's hint
     * says so.
     */
    private void headAlone(Token start, List<Term> head, List<Term> args, boolean emptyArgs) {
        if (emptyArgs) throw error(start, "rule argument list must take at least one argument");
        if (args != null || head.size() == 2) return;
        if (head.size() == 1) throw error(start, "var cannot be used for rule name" + missingHeadKeyword(start));
        if (!v0) throw error(start, "rule must have value assignment and/or body declaration");
    }

    /** In v0, {@code p contains x} and {@code p if ...} without their import: the word names the import to add. */
    private String missingHeadKeyword(Token name) {
        if (!v0) return "";
        String word = Set.of("contains", "if").contains(name.text())
                ? name.text()
                : !newlineBefore() && peek().kind() == Token.Kind.IDENT ? peek().text() : "";
        return switch (word) {
            case "contains" -> " (hint: `import future.keywords.contains` for `p contains x` rules)";
            case "if" -> " (hint: `import future.keywords.if` for `p if { ... }` rules)";
            default -> "";
        };
    }

    /** As OPA words it: {@code if := 1} names a keyword, {@code true := 1} a boolean. */
    private void ruleNameNotKeyword() {
        Token name = peek();
        if (name.kind() != Token.Kind.IDENT
                || !keywords.contains(name.text())
                || namesRef(p)
                || name.text().equals("else")) return;
        String what = switch (name.text()) {
            case "true", "false" -> "boolean";
            case "null" -> "null";
            default -> name.text() + " keyword";
        };
        throw error(name, what + " cannot be used for rule name");
    }

    private List<Term> headRef() {
        Token name = namesRef(p) ? next() : expectIdent("rule name");
        List<Term> head = new ArrayList<>();
        head.add(new Term.Scalar(StringValue.of(name.text()), name.span()));
        while (!newlineBefore() && (peekOp(".") || peekOp("["))) {
            if (acceptOp(".")) {
                Token t = expectName();
                head.add(new Term.Scalar(StringValue.of(t.text()), t.span()));
            } else {
                next();
                head.add(infix());
                expectOp("]");
            }
        }
        return head;
    }

    private List<Literal> ruleBody(boolean isDefault, Token ruleStart) {
        if (atKeyword("if")) {
            if (isDefault) throw error(peek(), "default rules cannot have a body");
            next();
            if (peekOp("{")) return bodyOrComprehension();
            List<Literal> one = new ArrayList<>();
            one.add(literal());
            return one;
        }
        if (peekOp("{")) {
            if (isDefault) throw error(peek(), "default rules cannot have a body");
            if (v0) return braceBody();
            // Rego v1, as OPA 1.x: a body needs `if` (v0 policies are read as v0 only when asked to).
            throw error(ruleStart, "`if` keyword is required before rule body" + V0_HINT);
        }
        return List.of();
    }

    /**
     * After {@code if}, a brace opens a body, except when what follows is one expression that starts with an object,
     * set or comprehension ({@code if {x: 1 | ...}}); the body's error is the one reported when neither parses.
     */
    private List<Literal> bodyOrComprehension() {
        int save = p;
        try {
            return braceBody();
        } catch (SyntaxException bodyError) {
            p = save;
            try {
                List<Literal> one = new ArrayList<>();
                one.add(literal());
                return one;
            } catch (SyntaxException termError) {
                throw bodyError;
            }
        }
    }

    private Rule elseChain(Rule.Kind kind, List<Term> head, List<Term> args) {
        if (!atKeyword("else")) return null;
        Token at = next();
        if (kind == Rule.Kind.SET) throw error(at, "else keyword cannot be used on multi-value rules");
        // p[x] = 1 { ... } else = 2: which entry would the else define?
        if (kind == Rule.Kind.VALUE && !head.stream().skip(1).allMatch(Term::isGround))
            throw error(at, "else keyword cannot be used on rules with variables in head");
        Term value = null;
        boolean assigned = peekOp(":=");
        if (peekOp(":=") || peekOp("=")) {
            next();
            value = infix();
        }
        List<Literal> body = ruleBody(false, at);
        Rule next = elseChain(kind, head, args);
        return new Rule(kind, head, args, value, body, false, next, at.span(), source.fileName(), null, assigned);
    }

    List<Literal> braceBody() {
        expectOp("{");
        List<Literal> body = literalsUntil("}");
        if (body.isEmpty()) throw error(peek(), "found empty body");
        expectOp("}");
        return body;
    }

    /** Literals separated by {@code ;} or newlines, up to {@code closer} (not consumed) or the end of input. */
    private List<Literal> literalsUntil(String closer) {
        List<Literal> body = new ArrayList<>();
        while (true) {
            if (closer == null ? peek().kind() == Token.Kind.EOF : peekOp(closer)) return body;
            body.add(literal());
            if (acceptOp(";")) continue;
            if (closer == null ? peek().kind() == Token.Kind.EOF : peekOp(closer)) return body;
            if (!newlineBefore())
                throw error(peek(), "unexpected " + describe(peek()) + ", expected end of expression");
        }
    }

    // ---- literals -----------------------------------------------------------------------------------------------

    private Literal literal() {
        Token start = peek();
        Expr expr;
        boolean negated = false;
        if (atKeyword("some")) {
            next();
            expr = some();
        } else if (atKeyword("every")) {
            next();
            expr = every();
        } else {
            Literal leading = logicalKeywords() ? logical.leading() : null;
            if (leading != null) {
                List<Literal.With> withs = new ArrayList<>(leading.withs());
                withs.addAll(withClauses());
                return new Literal(leading.expr(), leading.negated(), withs, start.span());
            } else {
                if (atKeyword("not")) {
                    next();
                    negated = true;
                }
                Expr whole = negated && notBodies ? logical.negatedOperand() : null;
                expr = whole != null ? whole : expression();
                if (logical.atOperator()) {
                    expr = logical.chain(List.of(new Literal(expr, negated, List.of(), start.span())));
                    negated = false;
                }
            }
        }
        return new Literal(expr, negated, withClauses(), start.span());
    }

    /** The {@code with target as value} clauses that follow an expression, if any. */
    List<Literal.With> withClauses() {
        List<Literal.With> withs = new ArrayList<>();
        while (isKeyword(peek(), "with") && !namesRef(p)) {
            Token w = next();
            Term target = postfix();
            if (!isKeyword(peek(), "as")) throw error(peek(), "expected as after with target");
            next();
            withs.add(new Literal.With(target, infix(), w.span()));
        }
        return withs;
    }

    private boolean logicalKeywords() {
        return keywords.contains("and") || keywords.contains("or");
    }

    Expr expression() {
        Term left = infix();
        if (!newlineBefore() && peekOp(",")) {
            Term membership = keyValueMembership(left);
            return new Expr.TermExpr(membership != null ? membership : left);
        }
        if (acceptOp(":=")) return new Expr.Assign(left, assignedTerm());
        if (acceptOp("=")) return new Expr.Unify(left, assignedTerm());
        return new Expr.TermExpr(left);
    }

    /** The right side of := or =, which may be a key-value membership ({@code x := k, v in xs}), as in OPA. */
    private Term assignedTerm() {
        Term right = infix();
        if (!newlineBefore() && peekOp(",")) {
            Term membership = keyValueMembership(right);
            if (membership != null) return membership;
        }
        return right;
    }

    /**
     * {@code key, value in collection}, after its key, at a comma; null, with the comma left unread, when no
     * {@code value in collection} follows: as in OPA the expression ends there, and the caller sees the comma (a
     * comprehension's | that turns out to be a union inside a collection).
     */
    private Term keyValueMembership(Term key) {
        int comma = p;
        expectOp(",");
        Term value = relation(null);
        if (!isKeyword(peek(), "in")) {
            p = comma;
            return null;
        }
        next();
        Term coll = relation(null);
        return membership(call("internal.member_3", key.span(), key, value, coll));
    }

    private Expr some() {
        List<Term> terms = new ArrayList<>();
        terms.add(relation(null));
        while (acceptOp(",")) terms.add(relation(null));
        if (atKeyword("in")) {
            next();
            if (terms.size() > 2) throw error(peek(), "unexpected , in some ... in: at most key and value");
            Term coll = relation(null);
            return terms.size() == 2
                    ? new Expr.SomeIn(terms.get(0), terms.get(1), coll)
                    : new Expr.SomeIn(null, terms.get(0), coll);
        }
        List<Term.Var> vars = new ArrayList<>();
        for (Term t : terms) {
            if (!(t instanceof Term.Var v)) throw error(t.span(), "expected var in some declaration");
            vars.add(v);
        }
        return new Expr.SomeVars(vars);
    }

    private Expr every() {
        Term first = relation(null);
        Term key = null, value = first;
        if (acceptOp(",")) {
            key = first;
            value = relation(null);
        }
        expectKeyword("in");
        Term domain = relation(null);
        return new Expr.Every(key, value, domain, braceBody());
    }

    // ---- terms by precedence ------------------------------------------------------------------------------------

    private Term infix() {
        return membership(relation(null));
    }

    private Term membership(Term lhs) {
        while (atKeyword("in")) {
            next();
            lhs = call("internal.member_2", lhs.span(), lhs, relation(null));
        }
        return lhs;
    }

    private Term relation(Term lhs) {
        if (lhs == null) lhs = or(null);
        while (peek().kind() == Token.Kind.OPERATOR && RELATIONS.containsKey(peek().text())) {
            String op = RELATIONS.get(next().text());
            lhs = call(op, lhs.span(), lhs, or(null));
        }
        return lhs;
    }

    private Term or(Term lhs) {
        if (lhs == null) lhs = and(null);
        while (peekOp("|")) {
            next();
            lhs = call("or", lhs.span(), lhs, and(null));
        }
        return lhs;
    }

    private Term and(Term lhs) {
        if (lhs == null) lhs = arith(null);
        while (peekOp("&")) {
            next();
            lhs = call("and", lhs.span(), lhs, arith(null));
        }
        return lhs;
    }

    private Term arith(Term lhs) {
        if (lhs == null) lhs = factor(null);
        while (peek().kind() == Token.Kind.OPERATOR && ARITH.containsKey(peek().text())) {
            String op = ARITH.get(next().text());
            lhs = call(op, lhs.span(), lhs, factor(null));
        }
        return lhs;
    }

    private Term factor(Term lhs) {
        if (lhs == null) lhs = postfix();
        while (peek().kind() == Token.Kind.OPERATOR && FACTOR.containsKey(peek().text())) {
            String op = FACTOR.get(next().text());
            lhs = call(op, lhs.span(), lhs, postfix());
        }
        return lhs;
    }

    /** Continues an expression whose first operand, a single term, was parsed before a comprehension check. */
    private Term continueInfix(Term lhs) {
        return membership(relation(or(and(arith(factor(lhs))))));
    }

    private Term postfix() {
        Term t = primary();
        List<Term> path = new ArrayList<>();
        while (!newlineBefore()) {
            if (peekOp(".") && adjacent()) {
                next();
                Token name = expectName();
                path.add(new Term.Scalar(StringValue.of(name.text()), name.span()));
            } else if (peekOp("[") && adjacent()) {
                next();
                path.add(infix());
                expectOp("]");
            } else if (peekOp("(") && adjacent() && callName(refOf(t, path)) != null) {
                String name = callName(refOf(t, path));
                Token open = next();
                t = new Term.Call(name, termList(")"), t.span().to(open.span()), null);
                path = new ArrayList<>();
            } else break;
        }
        return refOf(t, path);
    }

    private static Term refOf(Term t, List<Term> path) {
        if (path.isEmpty()) return t;
        if (t instanceof Term.Ref r) {
            List<Term> all = new ArrayList<>(r.path());
            all.addAll(path);
            return new Term.Ref(r.head(), all, r.span());
        }
        return new Term.Ref(t, path, t.span());
    }

    /** The dotted name of a callee: a variable, or a variable followed by names. */
    private static String callName(Term t) {
        if (t instanceof Term.Var v) return v.isGenerated() ? null : v.name();
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
            StringBuilder name = new StringBuilder(v.name());
            for (Term e : r.path()) {
                if (!(e instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) return null;
                name.append('.').append(str.value());
            }
            return name.toString();
        }
        return null;
    }

    /**
     * Every level of nesting (parentheses, collections, calls) passes through here. Policy files are input like any
     * other: a file nested thousands deep must be a parse error, not a stack overflow.
     */
    private Term primary() {
        if (++depth > MAX_DEPTH) throw error(peek(), "expression nested deeper than " + MAX_DEPTH + " levels");
        try {
            return primaryTerm();
        } finally {
            depth--;
        }
    }

    private Term primaryTerm() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return number(t, false);
            }
            case STRING, RAW_STRING -> {
                return new Term.Scalar(StringValue.of(t.text()), t.span());
            }
            case TEMPLATE, RAW_TEMPLATE -> {
                return new TemplateParser(source, t, wildcards).parse();
            }
            case IDENT -> {
                return identifier(t);
            }
            case OPERATOR -> {
                return operatorTerm(t);
            }
            default -> throw error(t, "unexpected " + describe(t));
        }
    }

    private Term identifier(Token t) {
        if (keywords.contains(t.text()) && namesRef(p - 1)) return new Term.Var(t.text(), t.span());
        if (t.text().equals("contains") && peekOp("(") && adjacentTo(t)) return new Term.Var(t.text(), t.span());
        switch (t.text()) {
            case "true":
                return new Term.Scalar(BooleanValue.TRUE, t.span());
            case "false":
                return new Term.Scalar(BooleanValue.FALSE, t.span());
            case "null":
                return new Term.Scalar(NullValue.NULL, t.span());
            case "_":
                return wildcards.next(t.span());
            default:
                if (t.text().equals("set")
                        && peekOp("(")
                        && adjacentTo(t)
                        && peekAt(1).is(Token.Kind.OPERATOR, ")")) {
                    next();
                    Token close = next();
                    return new Term.SetTerm(List.of(), t.span().to(close.span()));
                }
                if (keywords.contains(t.text())) throw error(t, "unexpected " + t.text() + " keyword");
                return new Term.Var(t.text(), t.span());
        }
    }

    private Term operatorTerm(Token t) {
        switch (t.text()) {
            case "(" -> {
                Term inner = infix();
                if (acceptOp(",")) {
                    Term value = relation(null);
                    expectKeyword("in");
                    inner = call("internal.member_3", inner.span(), inner, value, relation(null));
                }
                expectOp(")");
                return inner;
            }
            case "[" -> {
                return array(t);
            }
            case "{" -> {
                return braces(t);
            }
            case "-" -> {
                if (peek().kind() == Token.Kind.NUMBER && adjacentTo(t)) return number(next(), true);
                Term operand = postfix();
                return call("minus", t.span(), new Term.Scalar(NumberValue.of(0), t.span()), operand);
            }
            case "." -> {
                // As OPA reads it, .5 is 0.5.
                if (peek().kind() == Token.Kind.NUMBER
                        && adjacentTo(t)
                        && Character.isDigit(peek().text().charAt(0))) {
                    return number(new Token(Token.Kind.NUMBER, "0." + next().text(), t.span()), false);
                }
                throw error(t, "unexpected " + describe(t));
            }
            default -> throw error(t, "unexpected " + describe(t));
        }
    }

    private Term number(Token t, boolean negative) {
        try {
            NumberValue n = NumberValue.parse(t.text());
            return new Term.Scalar(negative ? n.negate() : n, t.span());
        } catch (NumberFormatException e) {
            throw error(t, "invalid number " + t.text());
        }
    }

    /*
     * As in OPA, the head of a comprehension (and an object comprehension's value) is a single term: a reference, call,
     * literal or parenthesised expression. An operator after it continues an ordinary element, so [x * 2 | body] is the
     * array of one union whose right operand cannot start with the body, a parse error, and is written [(x * 2) | body].
     */
    private Term array(Token open) {
        if (acceptOp("]")) return new Term.ArrayTerm(List.of(), open.span());
        int start = p;
        Term first = postfix();
        if (acceptOp("|")) {
            List<Literal> body = comprehensionBody("]", start);
            if (body != null) return new Term.ArrayComprehension(first, body, open.span());
            first = postfix();
        }
        List<Term> items = new ArrayList<>();
        items.add(continueInfix(first));
        while (acceptOp(",")) {
            if (peekOp("]")) break;
            items.add(infix());
        }
        expectOp("]");
        return new Term.ArrayTerm(items, open.span());
    }

    private Term braces(Token open) {
        if (acceptOp("}")) return new Term.ObjectTerm(List.of(), open.span());
        int start = p;
        Term first = postfix();
        if (!peekOp(":") && !peekOp("|")) {
            // Not a comprehension's head: an element or key written with operators (OPA takes {k + 1: v | ...} as
            // well).
            first = continueInfix(first);
        }
        if (acceptOp(":")) {
            int valueStart = p;
            Term value = postfix();
            if (acceptOp("|")) {
                List<Literal> body = comprehensionBody("}", valueStart);
                if (body != null) return new Term.ObjectComprehension(first, value, body, open.span());
                value = postfix();
            }
            List<Term.Entry> entries = new ArrayList<>();
            // The key is whole already: it was one term before the colon, or was continued above.
            entries.add(new Term.Entry(first, continueInfix(value)));
            while (acceptOp(",")) {
                if (peekOp("}")) break;
                Term k = infix();
                expectOp(":");
                entries.add(new Term.Entry(k, infix()));
            }
            expectOp("}");
            return new Term.ObjectTerm(entries, open.span());
        }
        if (acceptOp("|")) {
            List<Literal> body = comprehensionBody("}", start);
            if (body != null) return new Term.SetComprehension(first, body, open.span());
            first = continueInfix(postfix());
        }
        List<Term> items = new ArrayList<>();
        items.add(continueInfix(first));
        while (acceptOp(",")) {
            if (peekOp("}")) break;
            items.add(infix());
        }
        expectOp("}");
        return new Term.SetTerm(items, open.span());
    }

    /**
     * The body after a comprehension's {@code |} and its closer. As OPA does, a body that does not parse up to a comma
     * means the {@code |} was a union in an element ({@code {{1} | {2}, {3}}}): then null, with the position back at
     * {@code restart} for the caller to read the elements again.
     */
    private List<Literal> comprehensionBody(String closer, int restart) {
        try {
            List<Literal> body = literalsUntil(closer);
            expectOp(closer);
            return body;
        } catch (SyntaxException e) {
            if (!peekOp(",")) throw e;
            p = restart;
            return null;
        }
    }

    private List<Term> termList(String closer) {
        List<Term> items = new ArrayList<>();
        if (acceptOp(closer)) return items;
        items.add(infix());
        while (acceptOp(",")) {
            if (peekOp(closer)) break;
            items.add(infix());
        }
        expectOp(closer);
        return items;
    }

    private static Term call(String name, Span span, Term... args) {
        return new Term.Call(name, List.of(args), span, null);
    }

    // ---- token helpers ------------------------------------------------------------------------------------------

    Token peek() {
        return tokens.get(p);
    }

    int position() {
        return p;
    }

    void rewind(int position) {
        p = position;
    }

    /** {@code not { ... }} and negated groups are read (the module imports OPA's newer negation). */
    boolean notBodies() {
        return notBodies;
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(p);
        if (t.kind() != Token.Kind.EOF) p++;
        return t;
    }

    boolean newlineBefore() {
        return newlineBefore.get(p);
    }

    /** The next token starts right where the previous one ended (no blank between them). */
    private boolean adjacent() {
        return p > 0 && tokens.get(p - 1).span().end() == peek().span().start();
    }

    private boolean adjacentTo(Token t) {
        return t.span().end() == peek().span().start();
    }

    boolean peekOp(String op) {
        return peek().is(Token.Kind.OPERATOR, op);
    }

    private boolean acceptOp(String op) {
        if (!peekOp(op)) return false;
        next();
        return true;
    }

    private void expectOp(String op) {
        if (!acceptOp(op)) throw error(peek(), "unexpected " + describe(peek()) + ", expected " + op);
    }

    private boolean isKeyword(Token t, String word) {
        return t.is(Token.Kind.IDENT, word) && keywords.contains(word);
    }

    /** The next token is the keyword, not a name that merely spells it ({@code if.foo}, {@code else.x}). */
    boolean atKeyword(String word) {
        return isKeyword(peek(), word) && !namesRef(p);
    }

    /** A keyword directly followed by a dot and a name is a reference head, e.g. {@code true.foo}. */
    private boolean namesRef(int index) {
        if (index + 2 >= tokens.size()) return false;
        Token word = tokens.get(index), dot = tokens.get(index + 1);
        return dot.is(Token.Kind.OPERATOR, ".")
                && word.span().end() == dot.span().start()
                && tokens.get(index + 2).kind() == Token.Kind.IDENT;
    }

    private void expectKeyword(String word) {
        if (!isKeyword(peek(), word)) throw error(peek(), "unexpected " + describe(peek()) + ", expected " + word);
        next();
    }

    private Token expectIdent(String what) {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT
                || keywords.contains(t.text()) && !t.text().equals("_")) {
            throw error(t, "unexpected " + describe(t) + ", expected " + what);
        }
        return t;
    }

    /** A field name after a dot: keywords are allowed there ({@code input.in}). */
    private Token expectName() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT) throw error(t, "unexpected " + describe(t) + ": expected identifier");
        return t;
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) throw error(peek(), "unexpected " + describe(peek()));
    }

    private String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "eof token";
            case IDENT -> keywords.contains(t.text()) ? t.text() + " keyword" : "ident token";
            case STRING, RAW_STRING -> "string token";
            case TEMPLATE, RAW_TEMPLATE -> "template string token";
            case NUMBER -> "number token";
            default -> t.text() + " token";
        };
    }

    private SyntaxException error(Token t, String message) {
        return error(t.span(), message);
    }

    private SyntaxException error(Span span, String message) {
        return new SyntaxException(source, span, message);
    }
}
