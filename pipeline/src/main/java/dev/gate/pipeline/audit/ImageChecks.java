package dev.gate.pipeline.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The check of each image of an audit: started by the first of its tags that needs it, shared by the others, and let go
 * once every tag of the image has had its turn, so that the policy evidence it holds (whole SBOMs) does not pile up over
 * a registry of thousands of images.
 */
final class ImageChecks {

    private final ExecutorService pool;
    private final Map<String, Future<DigestResult>> started = new HashMap<>();
    private final Map<String, Integer> tagsLeft = new HashMap<>();

    /** {@code tags}: every resolved tag of the audit, each of which will {@link #done} once. */
    ImageChecks(List<Auditor.ResolvedTag> tags, ExecutorService pool) {
        this.pool = pool;
        tags.stream().filter(t -> t.failure() == null).forEach(t -> tagsLeft.merge(key(t), 1, Integer::sum));
    }

    /** The check of {@code tag}'s image, started now if no tag asked for it before. */
    synchronized Future<DigestResult> of(Auditor.ResolvedTag tag, Callable<DigestResult> check) {
        return started.computeIfAbsent(key(tag), k -> pool.submit(check));
    }

    /** {@code tag} has its result (from the image's check, or from the state file without one). */
    synchronized void done(Auditor.ResolvedTag tag) {
        String key = key(tag);
        if (tagsLeft.merge(key, -1, Integer::sum) <= 0) {
            tagsLeft.remove(key);
            started.remove(key);
        }
    }

    private static String key(Auditor.ResolvedTag tag) {
        return tag.repository() + "@" + tag.digest();
    }
}
