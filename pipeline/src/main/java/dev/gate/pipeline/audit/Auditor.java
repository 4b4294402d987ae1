package dev.gate.pipeline.audit;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RequestBudget;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.scan.Scanner;
import dev.gate.signing.TrustedKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Audits the tags of repositories per image, not per tag: the tags are listed and each resolved to its digest with one
 * request; each distinct image of a repository is then checked once (signatures, attestations, policy evidence) and its
 * result shared by all its tags, and only the policies run per tag. At most {@code jobs} registry requests are in flight
 * at once, and at most {@code jobs} evaluations, each bound apart; a 429 pauses every request of the audit.
 */
public final class Auditor {

    private final RegistryOptions options;
    private final TrustedKeys keys;
    private final List<String> requiredAttestations;
    private final PolicyRecheck recheck;
    private final TagDecision decision;
    private final Shard shard;
    private final AuditState state;

    /**
     * {@code keys} may be empty (only whether something is signed is told), {@code policies} null; every type of
     * {@code requiredAttestations} must be attested by a trusted key.
     */
    public Auditor(
            RegistryOptions options,
            TrustedKeys keys,
            List<String> requiredAttestations,
            PolicyRecheck recheck,
            PolicyGate policies,
            UnaryOperator<String> env) {
        this(
                options,
                keys,
                requiredAttestations,
                recheck,
                new TagDecision(recheck, policies, !keys.isEmpty(), env),
                Shard.WHOLE,
                null);
    }

    private Auditor(
            RegistryOptions options,
            TrustedKeys keys,
            List<String> requiredAttestations,
            PolicyRecheck recheck,
            TagDecision decision,
            Shard shard,
            AuditState state) {
        this.options = options;
        this.keys = keys;
        this.requiredAttestations = List.copyOf(requiredAttestations);
        this.recheck = recheck;
        this.decision = decision;
        this.shard = shard;
        this.state = state;
    }

    /** Audits only this share of the repositories and tags. */
    public Auditor withShard(Shard share) {
        return new Auditor(options, keys, requiredAttestations, recheck, decision, share, state);
    }

    /** Fails every tag whose image was gated by a policy file not on {@code list} (or by nothing known). */
    public Auditor withApprovedPolicies(ApprovedPolicies list) {
        return new Auditor(options, keys, requiredAttestations, recheck, decision.approving(list), shard, state);
    }

    /** Reuses what {@code known} holds from an earlier audit with the same key, policies and database, and records this one. */
    public Auditor withState(AuditState known) {
        return new Auditor(options, keys, requiredAttestations, recheck, decision, shard, known);
    }

    /**
     * Every image tag of {@code repositories} at {@code host} in this auditor's shard, sorted by repository and tag. With
     * {@code listingFailuresReported}, a repository whose listing the registry refuses is reported and the audit goes on;
     * otherwise (one repository named by the user) that refusal is the audit's error.
     */
    public AuditResult audit(String host, List<String> repositories, boolean listingFailuresReported) {
        repositories.forEach(r -> repositoryAt(host, r));
        RegistryClient registry = RegistryClient.openRegistry(host, options, RequestBudget.of(options.jobs()));
        ExecutorService requests = pool("gate-audit-registry");
        ExecutorService evaluations = pool("gate-audit-evaluate");
        AuditState known = state == null ? null : state.forRegistry(host);
        try (Scanner scanner = decision.evaluatesPolicies() ? recheck.openDatabase() : null) {
            String fingerprint = AuditState.fingerprint(keys, requiredAttestations, decision, scanner);
            TagListing listing = TagListing.of(registry, repositories, shard, listingFailuresReported, requests);
            List<ResolvedTag> resolved = Work.all(
                    requests,
                    listing.tags().stream()
                            .map(t -> (Callable<ResolvedTag>) () -> ResolvedTag.resolve(registry, t))
                            .toList());
            DigestCheck check = new DigestCheck(
                    keys,
                    requiredAttestations,
                    decision.evaluatesPolicies() ? recheck : null,
                    scanner,
                    new BlobCache(BlobCache.DEFAULT_BYTES),
                    new ReferrersApi());
            ImageChecks images = new ImageChecks(resolved, requests);
            List<Future<TagAudit>> results = new ArrayList<>();
            for (ResolvedTag tag : resolved) {
                results.add(evaluations.submit(() -> audit(registry, tag, known, fingerprint, check, images)));
            }
            List<TagAudit> tags = new ArrayList<>(Work.all(results));
            tags.sort(Comparator.comparing(TagAudit::repository).thenComparing(TagAudit::tag));
            if (known != null) {
                known.record(host, fingerprint, tags);
            }
            return new AuditResult(tags, listing.failures());
        } finally {
            requests.shutdownNow();
            evaluations.shutdownNow();
        }
    }

    private TagAudit audit(
            RegistryClient registry,
            ResolvedTag tag,
            AuditState known,
            String fingerprint,
            DigestCheck check,
            ImageChecks images) {
        if (tag.failure() != null) {
            return tag.failure();
        }
        try {
            Optional<TagAudit> earlier = known == null
                    ? Optional.empty()
                    : known.reusable(tag.repository(), tag.tag(), tag.digest().toString(), fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Future<DigestResult> image =
                    images.of(tag, () -> check.check(registry.repository(tag.repository()), tag.digest()));
            return decision.decide(registry.registry(), tag.tag(), Work.get(image));
        } catch (GateException e) {
            if (e.kind() == GateException.Kind.OPERATIONAL) {
                throw e;
            }
            // A problem with this image (its manifest is malformed) is the result of its tags, not the audit's end.
            return TagAudit.failed(tag.repository(), tag.tag(), e.getMessage());
        } finally {
            images.done(tag);
        }
    }

    private ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code host/repository}, refusing a name that Docker's rules would move to another registry. */
    private static Reference repositoryAt(String host, String repository) {
        Reference reference = Reference.parse(host + "/" + repository);
        if (!reference.registry().equals(host) || !reference.repository().equals(repository)) {
            throw GateException.input(
                    host + "/" + repository + ": expected REGISTRY/REPOSITORY, e.g. registry.example.com/team/app");
        }
        return reference;
    }

    /** A listed tag and the digest one {@code HEAD} resolved it to; {@code failure} when it could not be resolved. */
    record ResolvedTag(String repository, String tag, Digest digest, TagAudit failure) {

        /**
         * A tag that vanished is this tag's result; a registry that fails (times out, refuses the login, keeps answering
         * 5xx) ends the whole audit, as it would fail every other tag the same way, one timeout at a time.
         */
        static ResolvedTag resolve(RegistryClient registry, TagListing.Tag tag) {
            try {
                RegistryClient repository = registry.repository(tag.repository());
                // A registry that leaves Docker-Content-Digest off its HEAD answers is asked for the manifest itself.
                return repository
                        .headManifest(tag.tag())
                        .map(Descriptor::digest)
                        .or(() -> repository
                                .getManifest(tag.tag())
                                .map(m -> m.descriptor().digest()))
                        .map(d -> new ResolvedTag(tag.repository(), tag.tag(), d, null))
                        .orElseGet(() -> failed(
                                tag,
                                registry.registry() + "/" + tag.repository() + ":" + tag.tag()
                                        + ": tag vanished during the audit"));
            } catch (GateException e) {
                if (e.kind() == GateException.Kind.OPERATIONAL) {
                    throw e;
                }
                return failed(tag, e.getMessage());
            }
        }

        private static ResolvedTag failed(TagListing.Tag tag, String error) {
            return new ResolvedTag(
                    tag.repository(), tag.tag(), null, TagAudit.failed(tag.repository(), tag.tag(), error));
        }
    }
}
