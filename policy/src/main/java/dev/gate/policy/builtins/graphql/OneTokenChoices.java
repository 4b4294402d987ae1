package dev.gate.policy.builtins.graphql;

import graphql.org.antlr.v4.runtime.Parser;
import graphql.org.antlr.v4.runtime.ParserRuleContext;
import graphql.org.antlr.v4.runtime.TokenStream;
import graphql.org.antlr.v4.runtime.atn.ATN;
import graphql.org.antlr.v4.runtime.atn.DecisionState;
import graphql.org.antlr.v4.runtime.atn.ParserATNSimulator;
import graphql.org.antlr.v4.runtime.atn.PredictionContextCache;
import graphql.org.antlr.v4.runtime.dfa.DFA;
import graphql.parser.antlr.GraphqlParser;

/**
 * Predicts the grammar's choices as OPA's recursive descent makes them: when the next token starts exactly one
 * alternative (an optional part, another loop round, one kind of definition), that one is taken, whatever comes
 * after. ANTLR would otherwise look further ahead and, on text that fails anyway, may leave out a type's body because
 * the body's braces also read as a query that fails later. Choices one token cannot settle are ANTLR's.
 */
final class OneTokenChoices extends ParserATNSimulator {
    private static final DFA[] DFAS = dfas(GraphqlParser._ATN);

    OneTokenChoices(Parser parser) {
        super(parser, parser.getATN(), DFAS, new PredictionContextCache());
    }

    @Override
    public int adaptivePredict(TokenStream input, int decision, ParserRuleContext outerContext) {
        DecisionState state = atn.getDecisionState(decision);
        int next = input.LA(1);
        int chosen = 0;
        for (int alt = 1; alt <= state.getNumberOfTransitions(); alt++) {
            if (atn.nextTokens(state.transition(alt - 1).target).contains(next)) {
                if (chosen != 0) return super.adaptivePredict(input, decision, outerContext);
                chosen = alt;
            }
        }
        return chosen != 0 ? chosen : super.adaptivePredict(input, decision, outerContext);
    }

    private static DFA[] dfas(ATN atn) {
        DFA[] out = new DFA[atn.getNumberOfDecisions()];
        for (int i = 0; i < out.length; i++) out[i] = new DFA(atn.getDecisionState(i), i);
        return out;
    }
}
