package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.pipeline.AttestedPredicates;
import dev.gate.pipeline.ImageName;
import dev.gate.pipeline.PolicyGate;
import dev.gate.pipeline.PolicyRecheck;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySource;
import dev.gate.signing.ImageVerifier;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Audits the tags of repositories: each tag resolved, its signature and attestations verified, its findings read and
 * its policies re-evaluated, {@code options.jobs()} tags at once.
 */
public final class Auditor {

    /** Tags that hold signatures, attestations and referrers, not images. */
    private static final Pattern ATTACHED = Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private final RegistryOptions options;
    private final TrustedKeys keys;
    private final List<String> requiredAttestations;
    private final PolicyRecheck recheck;
    private final PolicyGate policies;
    private final UnaryOperator<String> env;

    /**
     * {@code keys} may be empty (signatures are then only looked for), {@code policies} null;
     * {@code requiredAttestations}: predicate types each tag must carry verified attestations of.
     */
    public Auditor(RegistryOptions options, TrustedKeys keys, List<String> requiredAttestations, PolicyRecheck recheck,
            PolicyGate policies, UnaryOperator<String> env) {
        this.options = options;
        this.keys = keys;
        this.requiredAttestations = List.copyOf(requiredAttestations);
        this.recheck = recheck;
        this.policies = policies;
        this.env = env;
    }

    /** Every image tag of {@code repositories} at {@code host}, sorted by repository and tag. */
    public List<TagAudit> audit(String host, List<String> repositories) {
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "gate-audit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TagAudit>> futures = new ArrayList<>();
            for (String repository : repositories) {
                for (String tag : RegistryClient.open(repositoryAt(host, repository), options).tags()) {
                    if (!ATTACHED.matcher(tag).matches()) {
                        futures.add(pool.submit(() -> audit(host, repository, tag)));
                    }
                }
            }
            List<TagAudit> results = new ArrayList<>();
            for (Future<TagAudit> f : futures) {
                results.add(f.get());
            }
            results.sort(Comparator.comparing(TagAudit::repository).thenComparing(TagAudit::tag));
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof GateException g ? g
                    : new GateException(GateException.Kind.OPERATIONAL, "audit failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException(GateException.Kind.OPERATIONAL, "audit interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code host/repository}, refusing a name that Docker's rules would move to another registry. */
    private static Reference repositoryAt(String host, String repository) {
        Reference reference = Reference.parse(host + "/" + repository);
        if (!reference.registry().equals(host) || !reference.repository().equals(repository)) {
            throw GateException.input(host + "/" + repository + ": expected REGISTRY/REPOSITORY, e.g. registry.example.com/team/app");
        }
        return reference;
    }

    /**
     * A problem with the tag itself (it vanished, its manifest is malformed) is this tag's result; a
     * registry that fails (times out, refuses the login, keeps answering 5xx) ends the whole audit,
     * as it would fail every other tag the same way, one timeout at a time.
     */
    TagAudit audit(String registry, String repository, String tag) {
        try {
            return check(Reference.parse(registry + "/" + repository + ":" + tag));
        } catch (GateException e) {
            if (e.kind() == GateException.Kind.OPERATIONAL) {
                throw e;
            }
            return TagAudit.failed(repository, tag, e.getMessage());
        }
    }

    private TagAudit check(Reference reference) {
        RegistryClient client = RegistryClient.open(reference, options);
        Digest digest = client.getManifest(reference.tag()).map(m -> m.descriptor().digest())
                .orElseThrow(() -> GateException.input(reference + ": tag vanished during the audit"));
        SignatureStore store = new RegistrySignatureStore(client);
        List<String> verified = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean signed;
        Map<String, Long> severities = new LinkedHashMap<>();
        List<String> signers = new ArrayList<>();
        Verification result = null;
        if (keys.isEmpty()) {
            // Unverified: something signed is attached, as a .sig tag or as sigstore bundle referrers.
            signed = store.manifest(CosignAttacher.signatureTag(digest)).isPresent()
                    || BundleReferrers.read(store, digest, SigstoreBundles.MEDIA_TYPE).stream().anyMatch(b -> b.failure() == null);
        } else {
            result = new ImageVerifier(store, keys, null).verify(reference.name(), digest, null)
                    .requiring(requiredAttestations, digest);
            result.signers().forEach(s -> signers.add(s.describe()));
            result.verified().forEach(v -> verified.add(v.predicateType() == null ? v.kind() : v.predicateType()));
            failures.addAll(result.problems()); // an audit expects every tag signed and attested
            // A signature in either of cosign's formats: the .sig tag, or a bundle (cosign 3 signs there by default).
            signed = result.verified().stream().anyMatch(v -> v.predicateType() == null);
            JsonNode vuln = AttestedPredicates.read(store, digest, keys).predicate(InTotoStatement.VULN);
            if (vuln != null) {
                counts(vuln.path("scanner").path("result").path("scan").path("summary"), severities);
            }
        }
        Boolean passed = null;
        List<String> failing = new ArrayList<>();
        if (policies != null && result != null) {
            PolicyRecheck.Outcome outcome;
            try (RegistrySource source = RegistrySource.over(client, reference.atDigest(digest))) {
                outcome = recheck.evaluate(policies, ImageName.of(reference), source.resolve(), store, keys, result, env);
            }
            passed = outcome.passed();
            // The verification failures are handed in and come back among the problems; list them once.
            outcome.problems().stream().filter(p -> !failures.contains(p)).forEach(failing::add);
            if (outcome.decision() != null) {
                outcome.decision().failures().forEach(r -> failing.add(r.namespace() + "." + r.rule() + ": " + r.message()));
            }
            if (outcome.input() != null) {
                severities.clear();
                counts(outcome.input().path("scan").path("summary"), severities);
            }
        }
        return new TagAudit(reference.repository(), reference.tag(), digest.toString(), signed, signers, verified, failures,
                severities, passed, failing, null);
    }

    private static void counts(JsonNode summary, Map<String, Long> into) {
        if (summary.isObject()) {
            for (String s : SEVERITIES) {
                into.put(s, summary.path(s).asLong());
            }
        }
    }
}
