package dev.gate.policy.builtins.graphql;

import static dev.gate.policy.builtins.graphql.GqlTokens.BRACE_L;

import dev.gate.policy.builtins.graphql.GraphQlDocuments.GraphQlException;
import graphql.org.antlr.v4.runtime.CommonTokenStream;
import graphql.org.antlr.v4.runtime.DefaultErrorStrategy;
import graphql.org.antlr.v4.runtime.InputMismatchException;
import graphql.org.antlr.v4.runtime.Parser;
import graphql.org.antlr.v4.runtime.ParserRuleContext;
import graphql.org.antlr.v4.runtime.RecognitionException;
import graphql.org.antlr.v4.runtime.Token;
import graphql.org.antlr.v4.runtime.atn.PredictionMode;
import graphql.org.antlr.v4.runtime.tree.ErrorNode;
import graphql.org.antlr.v4.runtime.tree.ParseTreeListener;
import graphql.org.antlr.v4.runtime.tree.TerminalNode;
import graphql.parser.antlr.GraphqlLexer;
import graphql.parser.antlr.GraphqlParser;
import java.util.Set;

/**
 * The syntax error OPA reports for a document, found with graphql-java's own grammar. The grammar is driven one
 * definition at a time, as OPA's parser reads a query or a schema document (so a schema never reads on as a query),
 * and stopped at the first token it cannot take, with what the grammar knew there; {@link SyntaxMessages} then says
 * it in OPA's words. The tokens come from {@link TokensUntilInvalid}, which ends them where OPA's lexer gives up.
 */
final class SyntaxErrors {
    private static final int MAX_DEPTH = 500;

    private static final Set<Integer> TYPE_SYSTEM = Set.of(
            GraphqlLexer.SCALAR,
            GraphqlLexer.TYPE,
            GraphqlLexer.INTERFACE,
            GraphqlLexer.UNION,
            GraphqlLexer.ENUM,
            GraphqlLexer.INPUT,
            GraphqlLexer.SCHEMA,
            GraphqlLexer.DIRECTIVE);

    private SyntaxErrors() {}

    /** OPA's error for the text, or null when the text reads without one (or nests too deep to tell). */
    static GraphQlException find(String text, boolean schema) {
        CommonTokenStream stream = new CommonTokenStream(new TokensUntilInvalid(text));
        GraphqlParser parser = new GraphqlParser(stream);
        parser.removeErrorListeners();
        parser.setInterpreter(new OneTokenChoices(parser));
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new Stopping());
        parser.addParseListener(new DepthGuard());
        try {
            while (stream.LA(1) != Token.EOF) {
                Token first = stream.LT(1);
                Token head = first.getType() == GraphqlLexer.StringValue ? stream.LT(2) : first;
                boolean described = head != first;
                int type = head.getType();
                if (schema && type == GraphqlLexer.EXTEND && !described) parser.typeSystemExtension();
                else if (schema && TYPE_SYSTEM.contains(type)) parser.typeSystemDefinition();
                else if (!schema
                        && (type == GraphqlLexer.QUERY
                                || type == GraphqlLexer.MUTATION
                                || type == GraphqlLexer.SUBSCRIPTION)) {
                    parser.operationDefinition();
                } else if (!schema && type == GraphqlLexer.FRAGMENT) parser.fragmentDefinition();
                else if (!schema && type == BRACE_L && !described) parser.operationDefinition();
                // a description may not come before an extension, nor before a query written as a bare selection set
                else if (described && type == (schema ? GraphqlLexer.EXTEND : BRACE_L))
                    return SyntaxMessages.at(first, "Unexpected " + GqlTokens.described(first));
                else return SyntaxMessages.at(head, "Unexpected " + GqlTokens.described(head));
            }
            return null;
        } catch (Stop stop) {
            return stop.cause == null ? null : SyntaxMessages.worded(stop.cause, stream);
        }
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient RecognitionException cause;

        Stop(RecognitionException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    /** Stops at the first error, keeping what the grammar knew there. */
    private static final class Stopping extends DefaultErrorStrategy {
        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            throw new Stop(e);
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            throw new Stop(new InputMismatchException(recognizer));
        }

        @Override
        public void sync(Parser recognizer) {}
    }

    /** Hostile nesting ends the reading before it ends the stack. */
    private static final class DepthGuard implements ParseTreeListener {
        private int depth;

        @Override
        public void enterEveryRule(ParserRuleContext ctx) {
            if (++depth > MAX_DEPTH) throw new Stop(null);
        }

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {
            depth--;
        }

        @Override
        public void visitTerminal(TerminalNode node) {}

        @Override
        public void visitErrorNode(ErrorNode node) {}
    }
}
