package dev.gate.policy.libraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.conformance.SharedCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Rego v0 policy libraries gate was never written against (fetched by {@code .ci/rego-libraries.sh}, never kept
 * in the repository): every package of every batch, on every input the library ships (or that its templates and
 * fixtures make), evaluated by gate's engine read as v0 and by {@code opa eval --v0-compatible}, must give the same
 * document, the same undefined, or the same error code. The figures are printed for the record.
 */
class RegoLibrariesOpaTest {

    @TempDir
    static Path work;

    @Test
    void everyPackageOfRealV0LibrariesEvaluatesAsOpaEvaluatesIt() throws Exception {
        OpaV0Judge opa = new OpaV0Judge(OpaInstall.binary(), work);
        List<PolicyBatch> batches = batches(librariesFolder());
        int packages = 0, inputs = 0, evaluations = 0, documents = 0, undefined = 0, errors = 0;
        List<String> disagreements = new ArrayList<>();
        for (PolicyBatch batch : batches) {
            Map<String, List<Outcome>> theirs = opa.judge(batch);
            Map<String, List<Outcome>> ours = GateV0Runner.run(batch);
            packages += theirs.size();
            inputs += batch.inputs().size();
            for (Map.Entry<String, List<Outcome>> p : theirs.entrySet()) {
                for (int i = 0; i < p.getValue().size(); i++) {
                    Outcome them = p.getValue().get(i),
                            us = ours.get(p.getKey()).get(i);
                    evaluations++;
                    // The batch asks OPA through `with input as`; a difference is judged again as a user would ask.
                    if (!them.agreesWith(us))
                        them = opa.alone(batch, p.getKey(), batch.inputs().get(i));
                    if (!them.agreesWith(us)) {
                        disagreements.add(
                                batch.name() + " " + p.getKey() + " input " + i + ": opa " + them + "\n    gate " + us);
                    } else if (them.isError()) {
                        errors++;
                    } else if (them.document() == null) {
                        undefined++;
                    } else {
                        documents++;
                    }
                }
            }
        }
        System.out.printf(
                "rego libraries: %d batches, %d packages, %d inputs, %d evaluations; %d agree (%d documents, %d undefined,"
                        + " %d errors), %d disagree%n",
                batches.size(),
                packages,
                inputs,
                evaluations,
                evaluations - disagreements.size(),
                documents,
                undefined,
                errors,
                disagreements.size());
        assertTrue(
                evaluations >= 100 && documents >= evaluations / 2,
                "too little was compared to mean anything: " + evaluations + " evaluations, " + documents
                        + " documents");
        assertEquals(
                "",
                String.join("\n", disagreements.subList(0, Math.min(40, disagreements.size()))),
                disagreements.size() + " disagreements");
    }

    private static List<PolicyBatch> batches(Path root) throws IOException {
        List<PolicyBatch> out = new ArrayList<>();
        List<Path> libraries;
        try (Stream<Path> list = Files.list(root)) {
            libraries = list.sorted().toList();
        }
        for (Path library : libraries) {
            String name = library.getFileName().toString();
            if (name.startsWith("conftest@")) out.addAll(ConftestExamples.batches(library));
            if (name.startsWith("gatekeeper@")) out.addAll(GatekeeperTemplates.batches(library));
            if (name.startsWith("trivy-policies@")) out.addAll(TrivyChecks.batches(library));
        }
        return out;
    }

    /** Where {@code .ci/rego-libraries.sh} put them: {@code GATE_REGO_LIBRARIES}, or the build's default. */
    private static Path librariesFolder() {
        String env = System.getenv("GATE_REGO_LIBRARIES");
        Path root =
                Path.of(env != null ? env : System.getProperty("gate.rego.libraries", "rego-libraries-not-configured"));
        if (!Files.isDirectory(root))
            SharedCases.missing("the Rego libraries are not fetched at " + root + ": run `bash .ci/rego-libraries.sh`");
        return root;
    }
}
