package dev.gate.pipeline.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --shard K/N: every name in exactly one shard, large repositories split by tag, bad forms refused as input errors. */
class ShardTest {

    private static final List<Shard> FOUR =
            List.of(Shard.parse("1/4"), Shard.parse("2/4"), Shard.parse("3/4"), Shard.parse("4/4"));

    @Test
    void everyRepositoryAndTagBelongsToExactlyOneShard() {
        int[] repositories = new int[4];
        for (int r = 0; r < 200; r++) {
            String repository = "team/app-" + r;
            int owners = 0;
            for (int k = 0; k < 4; k++) {
                if (FOUR.get(k).ownsRepository(repository)) {
                    owners++;
                    repositories[k]++;
                }
                // A small repository goes whole to its shard.
                assertEquals(FOUR.get(k).ownsRepository(repository), FOUR.get(k).ownsTag(repository, "1.0.0", 10));
            }
            assertEquals(1, owners, repository);
        }
        for (int count : repositories) {
            assertTrue(count > 25, "a fair share of 200 repositories: " + count);
        }
    }

    @Test
    void aLargeRepositoryIsSplitByTag() {
        int[] tags = new int[4];
        for (int t = 0; t < 1000; t++) {
            int owners = 0;
            for (int k = 0; k < 4; k++) {
                if (FOUR.get(k).ownsTag("team/huge", "1.0." + t, 1000)) {
                    owners++;
                    tags[k]++;
                }
            }
            assertEquals(1, owners);
        }
        for (int count : tags) {
            assertTrue(count > 200, "a fair share of 1,000 tags: " + count);
        }
    }

    @Test
    void theSplitDependsOnTheNamesAlone() {
        // The same on every machine and every run: a CI matrix's jobs agree without talking to each other.
        assertEquals(Shard.parse("3/4").ownsRepository("payments/api"), new Shard(3, 4).ownsRepository("payments/api"));
        assertTrue(Shard.WHOLE.ownsRepository("anything") && Shard.WHOLE.ownsTag("anything", "v1", 100_000));
    }

    @Test
    void badFormsAreInputErrors() {
        for (String bad : List.of("0/4", "5/4", "1/0", "a/b", "1/4/2", "-1/4", "12345/99999", "", "1 /4")) {
            GateException e = assertThrows(GateException.class, () -> Shard.parse(bad), bad);
            assertEquals(GateException.Kind.INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("--shard "), e.getMessage());
        }
    }
}
