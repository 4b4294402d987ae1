package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Module;
import org.junit.jupiter.api.Test;

/** OPA's {@code # METADATA} blocks, read into the AST of the package or rule below them. */
class AnnotationsTest {

    private static final String POLICY = """
            # METADATA
            # title: Image rules
            # scope: subpackages
            package gate.images

            import rego.v1

            # METADATA
            # title: No latest tag
            # description: A tag names one build.
            # authors:
            # - Jane Doe <jane@example.com>
            # - name: Sec Team
            # related_resources:
            # - https://example.com/tags
            # custom:
            #   severity: HIGH
            deny contains "latest" if input.tag == "latest"

            # not metadata
            warn contains "x" if false
            """;

    @Test
    void blocksBelongToThePackageOrRuleBelowThem() {
        Module m = Parser.parseModule(new Source("p.rego", POLICY));
        assertEquals("Image rules", m.annotations().title());
        assertEquals("subpackages", m.annotations().scope());
        var deny = m.rules().get(0).annotations();
        assertEquals("No latest tag", deny.title());
        assertEquals("A tag names one build.", deny.description());
        assertEquals("rule", deny.scope());
        assertEquals("\"HIGH\"", deny.custom().get("severity").toString());
        assertEquals(
                "[{\"email\":\"jane@example.com\",\"name\":\"Jane Doe\"},{\"name\":\"Sec Team\"}]",
                deny.value().get("authors").toString());
        assertEquals(
                "[{\"ref\":\"https://example.com/tags\"}]",
                deny.value().get("related_resources").toString());
        assertNull(m.rules().get(1).annotations());
    }

    @Test
    void aScopeThatDoesNotFitItsStatementIsAnErrorAtTheBlock() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> Parser.parseModule(new Source("p.rego", "package p\n\n# METADATA\n# scope: package\nq := 1\n")));
        assertEquals("rego_parse_error", e.code());
        assertTrue(
                e.getMessage()
                        .startsWith("p.rego:3:1: annotation scope 'package' must be applied to package (have rule)"),
                e.getMessage());
        PolicyException bad = assertThrows(
                PolicyException.class,
                () -> Parser.parseModule(
                        new Source("p.rego", "package p\n\n# METADATA\n# scope: everywhere\nq := 1\n")));
        assertTrue(bad.getMessage().contains("invalid annotation scope 'everywhere'"), bad.getMessage());
    }

    @Test
    void badYamlIsAParseErrorNamingTheBlock() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> Parser.parseModule(
                        new Source("p.rego", "package p\n\n# METADATA\n# title: [unclosed\nq := 1\n")));
        assertTrue(e.getMessage().startsWith("p.rego:3:1: yaml: "), e.getMessage());
    }
}
