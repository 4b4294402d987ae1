package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code gate audit merge}: the JSON reports of the shards of one audit read back into one report. They must be of the
 * same registry and checked alike (key, policies); a tag or repository reported twice (the same shard given twice, or
 * shards of different splits) is refused rather than counted twice.
 */
public final class ReportMerge {

    static final long MAX_BYTES = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportMerge() {}

    public static AuditReport read(List<Path> files) {
        if (files.isEmpty()) {
            throw GateException.input("audit merge: give the JSON reports of the shards");
        }
        String registry = null;
        Boolean withKey = null;
        Boolean policies = null;
        String time = null;
        List<TagAudit> tags = new ArrayList<>();
        List<ListingFailure> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<Integer> shards = new HashSet<>();
        int shardCount = 0;
        for (Path file : files) {
            StateReader in = new StateReader(file.toString(), "give the JSON reports gate audit --output json wrote");
            JsonNode root = parse(file, in);
            String host = in.text(root, "registry", AuditState.MAX_NAME);
            in.require(
                    registry == null || registry.equals(host),
                    "a report of " + host + ", the others are of " + registry);
            in.require(
                    root.path("verifiedWithKey").isBoolean()
                            && root.path("policies").isBoolean(),
                    "'verifiedWithKey' or 'policies' is not true or false");
            boolean key = root.path("verifiedWithKey").asBoolean();
            boolean policy = root.path("policies").asBoolean();
            in.require(
                    withKey == null || withKey == key && policies == policy,
                    "audited with other options (key, policies) than the reports before it");
            registry = host;
            withKey = key;
            policies = policy;
            Shard shard = root.has("shard") ? shard(in, root) : Shard.WHOLE;
            in.require(
                    shardCount == 0 || shard.count() == shardCount,
                    "shard " + shard + " is of another split than " + "the reports before it (of " + shardCount + ")");
            in.require(shards.add(shard.index()), "shard " + shard + " is given twice");
            shardCount = shard.count();
            String started = in.text(root, "time", 64);
            time = time == null || started.compareTo(time) < 0 ? started : time;
            in.require(root.path("tags").isArray(), "'tags' is not a list");
            for (JsonNode entry : root.path("tags")) {
                TagAudit tag = tag(in, entry);
                in.require(
                        seen.add(tag.repository() + ":" + tag.tag()),
                        tag.repository() + ":" + tag.tag() + " is in two reports");
                tags.add(tag);
            }
            JsonNode listing = root.path("listingFailures");
            in.require(listing.isMissingNode() || listing.isArray(), "'listingFailures' is not a list");
            for (JsonNode entry : listing) {
                String repository = in.text(entry, "repository", AuditState.MAX_NAME);
                in.require(seen.add(repository + " (listing)"), repository + " failed to list in two reports");
                failures.add(new ListingFailure(repository, in.message(entry.path("error"), "error")));
            }
        }
        if (shards.size() != shardCount) {
            // A job that failed (exit 2 or 3) wrote no report: totals without its share would look complete.
            throw GateException.input("audit merge: " + shards.size() + " of " + shardCount
                    + " shards given; every shard's " + "report is needed for the totals of the whole audit");
        }
        tags.sort(Comparator.comparing(TagAudit::repository).thenComparing(TagAudit::tag));
        failures.sort(Comparator.comparing(ListingFailure::repository));
        return new AuditReport(registry, new AuditResult(tags, failures), withKey, policies, time, Shard.WHOLE);
    }

    private static Shard shard(StateReader in, JsonNode root) {
        String text = in.text(root, "shard", 16);
        try {
            return Shard.parse(text);
        } catch (GateException e) {
            in.require(false, "'shard' is not K/N");
            return null;
        }
    }

    private static JsonNode parse(Path file, StateReader in) {
        byte[] bytes;
        try (InputStream stream = Files.newInputStream(file)) {
            bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
        } catch (IOException e) {
            throw GateException.input(file + ": cannot read: " + e.getMessage());
        }
        in.require(bytes.length <= MAX_BYTES, "larger than " + (MAX_BYTES >> 20) + " MiB");
        try {
            JsonNode root = JSON.readTree(bytes);
            in.require(root != null && root.isObject(), "not a JSON object");
            return root;
        } catch (IOException e) {
            in.require(false, "not JSON");
            return null;
        }
    }

    private static TagAudit tag(StateReader in, JsonNode entry) {
        in.require(entry.isObject(), "an entry of 'tags' is not an object");
        String repository = in.text(entry, "repository", AuditState.MAX_NAME);
        String tag = in.text(entry, "tag", 128);
        String digest = entry.path("digest").isNull() ? null : in.digest(entry, "digest");
        in.require(entry.path("signed").isBoolean(), "'signed' of " + repository + ":" + tag + " is not true or false");
        JsonNode passed = entry.path("policyPassed");
        in.require(
                passed.isNull() || passed.isBoolean(),
                "'policyPassed' of " + repository + ":" + tag + " is not true, false or null");
        JsonNode error = entry.path("error");
        TagAudit audit = new TagAudit(
                repository,
                tag,
                digest,
                entry.path("signed").asBoolean(),
                in.texts(entry, "verifiedBy"),
                in.messages(entry, "verified"),
                in.messages(entry, "failures"),
                in.severities(entry, repository + ":" + tag),
                passed.isNull() ? null : passed.asBoolean(),
                in.messages(entry, "failingRules"),
                error.isNull() || error.isMissingNode() ? null : in.message(error, "error"),
                GatedBy.read(in, entry.get("gated")),
                in.messages(entry, "unapprovedPolicies"));
        in.require(
                entry.path("ok").isBoolean() && entry.path("ok").asBoolean() == audit.ok(),
                "'ok' of " + repository + ":" + tag + " does not follow from the rest of its entry");
        return audit;
    }
}
