package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policies an organisation approved ({@code --approved-policies FILE}): SHA-256 digests of policy files, or manifest
 * digests of signed policy bundles, one a line ({@code #} starts a comment) or as a JSON array of strings. A tag is
 * approved when every policy file its decision record names is listed by digest or came from a listed bundle.
 */
public final class ApprovedPolicies {

    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern HEX = Pattern.compile("(?:sha256:)?([0-9a-f]{64})");
    /** A bundle's files are named {@code oci://REFERENCE@DIGEST/PATH} in the decision record. */
    private static final Pattern BUNDLE_FILE = Pattern.compile("^oci://[^@]+@sha256:([0-9a-f]{64})/");

    private final Set<String> digests;

    private ApprovedPolicies(Set<String> digests) {
        this.digests = digests;
    }

    public static ApprovedPolicies read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw GateException.input("--approved-policies " + file + ": larger than 1 MiB, not a list of digests");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GateException.input("--approved-policies " + file + ": cannot read: " + e.getMessage());
        }
        List<String> entries = text.stripLeading().startsWith("[") ? jsonEntries(file, text) : lineEntries(text);
        Set<String> digests = new TreeSet<>();
        for (String entry : entries) {
            Matcher m = HEX.matcher(entry.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw GateException.input("--approved-policies " + file + ": " + SafeText.quoted(entry)
                        + " is not a SHA-256 digest (64 hex digits, optionally after sha256:)");
            }
            digests.add(m.group(1));
        }
        if (digests.isEmpty()) {
            throw GateException.input("--approved-policies " + file + ": lists no digest, so no tag could be approved");
        }
        return new ApprovedPolicies(digests);
    }

    private static List<String> lineEntries(String text) {
        List<String> entries = new ArrayList<>();
        text.lines()
                .map(l -> l.replaceFirst("#.*", "").strip())
                .filter(l -> !l.isEmpty())
                .forEach(entries::add);
        return entries;
    }

    private static List<String> jsonEntries(Path file, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw GateException.input("--approved-policies " + file + ": not a JSON array of digests");
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode item : root) {
            if (!item.isTextual()) {
                throw GateException.input("--approved-policies " + file + ": an entry of the array is not a string");
            }
            entries.add(item.asText().strip());
        }
        return entries;
    }

    /**
     * Why {@code gated} is not approved, one text per policy file not on the list; empty when it is. An image without a
     * verified decision record was approved by nothing known.
     */
    List<String> unapproved(GatedBy gated) {
        if (gated == null) {
            return List.of("no verified decision record: not known to have been gated by approved policies");
        }
        if (gated.policies().isEmpty()) {
            return List.of("the decision record names no policy file");
        }
        List<String> problems = new ArrayList<>();
        for (GatedBy.PolicyFile p : gated.policies()) {
            Matcher bundle = BUNDLE_FILE.matcher(p.path());
            boolean fromApprovedBundle = bundle.find()
                    && digests.contains(bundle.group(1))
                    && gated.policyBundles().contains("sha256:" + bundle.group(1));
            if (!digests.contains(p.sha256()) && !fromApprovedBundle) {
                problems.add(
                        "gated by a policy not on the approved list: " + p.path() + " (sha256 " + p.sha256() + ")");
            }
        }
        return problems;
    }

    /** The list as one digest, for the audit state's fingerprint: another list checks every tag again. */
    String fingerprint() {
        return Digest.sha256(String.join("\n", digests).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
