package dev.gate.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text from images and policies in the step summary's Markdown: literal, whatever it holds. */
class MarkdownSummaryTest {

    @Test
    void inlineMarkupIsEscaped() {
        assertEquals(
                "a\\|b \\*c\\* \\_d\\_ \\~e\\~ \\[f\\]\\(g\\) \\!\\[h\\] \\<img\\> \\&amp; \\`i\\` \\$x\\$ \\\\",
                MarkdownSummary.escape("a|b *c* _d_ ~e~ [f](g) ![h] <img> &amp; `i` $x$ \\"));
        assertEquals(
                "x\\\\x1b\\[2J\\\\n",
                MarkdownSummary.escape("x\u001b[2J\n"),
                "controls as for a terminal, then Markdown");
        assertEquals("registry.example.com:5000/a-b/c", MarkdownSummary.escape("registry.example.com:5000/a-b/c"));
    }

    @Test
    void codeSpansHoldNamesUnlessABacktickWouldEndThem() {
        assertEquals("`gate.prod.deny_latest`", MarkdownSummary.code("gate.prod.deny_latest"));
        assertEquals("`a\\|b`", MarkdownSummary.code("a|b"), "GitHub ends a table cell at a pipe even in a span");
        assertEquals("a\\`b\\|c", MarkdownSummary.code("a`b|c"));
    }
}
