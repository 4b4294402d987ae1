package dev.gate.pipeline.audit;

import dev.gate.errors.GateException;
import dev.gate.image.registry.RegistryClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/** The image tags of the repositories in one shard, listed in parallel, and the repositories that could not be listed. */
record TagListing(List<Tag> tags, List<ListingFailure> failures) {

    /** Tags that hold signatures, attestations and referrers, not images. */
    private static final Pattern ATTACHED = Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");

    record Tag(String repository, String tag) {}

    private record Listed(String repository, List<String> tags, ListingFailure failure) {}

    static TagListing of(
            RegistryClient registry,
            List<String> repositories,
            Shard shard,
            boolean failuresReported,
            ExecutorService pool) {
        List<Listed> listed = Work.all(
                pool,
                repositories.stream()
                        .map(r -> (Callable<Listed>) () -> list(registry, r, failuresReported))
                        .toList());
        List<Tag> tags = new ArrayList<>();
        List<ListingFailure> failures = new ArrayList<>();
        for (Listed repository : listed) {
            if (repository.failure() != null) {
                if (shard.ownsRepository(repository.repository())) {
                    failures.add(repository.failure());
                }
                continue;
            }
            List<String> images = repository.tags().stream()
                    .filter(t -> !ATTACHED.matcher(t).matches())
                    .toList();
            for (String tag : images) {
                if (shard.ownsTag(repository.repository(), tag, images.size())) {
                    tags.add(new Tag(repository.repository(), tag));
                }
            }
        }
        return new TagListing(tags, failures);
    }

    /**
     * A registry that answers the listing with a refusal or an error is this repository's result; one that does not
     * answer at all (silent, unreachable) ends the audit, since every other request would wait the same way.
     */
    private static Listed list(RegistryClient registry, String repository, boolean failuresReported) {
        try {
            return new Listed(repository, registry.repository(repository).tags(), null);
        } catch (GateException e) {
            if (!failuresReported || e.getCause() instanceof IOException) {
                throw e;
            }
            return new Listed(repository, List.of(), new ListingFailure(repository, e.getMessage()));
        }
    }
}
