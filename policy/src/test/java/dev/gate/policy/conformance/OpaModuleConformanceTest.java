package dev.gate.policy.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's complete conformance suite, read from the OPA module source that {@code .ci/tools.sh} installs (the shared
 * folder holds only part of it): the families it adds (rego.metadata, graphql, jwt, ...) with a passing list of
 * their own that may only grow.
 */
class OpaModuleConformanceTest {

    @TestFactory
    Stream<DynamicTest> opaV1Cases_listedOnesMustPass() throws IOException {
        return ConformanceTest.listedOnesMustPass(OpaInstall.cases("v1"), ConformanceTest.passingList("/conformance-passing-opa-v1.txt"));
    }

    @Test
    void theMetadataBuiltinsAreOnTheList() throws IOException {
        var listed = ConformanceTest.passingList("/conformance-passing-opa-v1.txt");
        assertTrue(listed.stream().filter(id -> id.startsWith("regometadata")).count() >= 5, "rego.metadata cases listed");
    }
}
