package dev.gate.image;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Image references and digests, as they come from the command line, a tag list or an archive's RepoTags. */
class ReferenceFuzzTest {

    @FuzzTest
    void reference(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        parses(() -> Reference.parse(Reference.parse(text).toString()));
        parses(() -> Digest.parse(text));
    }
}
