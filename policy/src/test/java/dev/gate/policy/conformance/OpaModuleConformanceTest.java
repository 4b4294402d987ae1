package dev.gate.policy.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.syntax.RegoVersion;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's complete conformance suite, read from the OPA module source that {@code .ci/tools.sh} installs (the shared
 * folder holds only part of it): the families it adds (rego.metadata, graphql, jwt, ...), and the v0 cases read as
 * Rego v0; each with a passing list of its own that may only grow.
 */
class OpaModuleConformanceTest {

    @TestFactory
    Stream<DynamicTest> opaV1Cases_listedOnesMustPass() throws IOException {
        return ConformanceTest.listedOnesMustPass(
                OpaInstall.cases("v1"), ConformanceTest.passingList("/conformance-passing-opa-v1.txt"));
    }

    /** OPA's v0 cases, their modules read as Rego v0 (as {@code opa eval --v0-compatible} reads them). */
    @TestFactory
    Stream<DynamicTest> opaV0Cases_listedOnesMustPass() throws IOException {
        return ConformanceTest.listedOnesMustPass(
                OpaInstall.cases("v0"), ConformanceTest.passingList("/conformance-passing-opa-v0.txt"), RegoVersion.V0);
    }

    @Test
    void mostV0CasesAreOnTheirList() throws IOException {
        int listed =
                ConformanceTest.passingList("/conformance-passing-opa-v0.txt").size();
        assertTrue(listed >= 1900, "v0 passing list holds " + listed);
    }

    @Test
    void theMetadataBuiltinsAreOnTheList() throws IOException {
        var listed = ConformanceTest.passingList("/conformance-passing-opa-v1.txt");
        assertTrue(
                listed.stream().filter(id -> id.startsWith("regometadata")).count() >= 5, "rego.metadata cases listed");
    }

    @Test
    void theLogicalOperatorAndNotBodyCasesAreOnTheList() throws IOException {
        var listed = ConformanceTest.passingList("/conformance-passing-opa-v1.txt");
        assertTrue(
                listed.stream().filter(id -> id.startsWith("logic_operators/")).count() >= 148, "and/or cases listed");
        assertTrue(
                listed.stream()
                                .filter(id -> id.startsWith("negation/test-not-body"))
                                .count()
                        >= 19,
                "not-body cases listed");
    }
}
