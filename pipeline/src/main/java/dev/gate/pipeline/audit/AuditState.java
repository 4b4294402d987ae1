package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.scan.Scanner;
import dev.gate.signing.TrustedKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --state FILE}: the passing tags of the last audit, each with the digest it pointed at, under the fingerprint of
 * what they were checked with (key, policies and their inputs, advisory database build). A later audit still resolves
 * every tag at the registry; only a tag that still points at the same digest, under the same fingerprint, is taken from
 * here. Failing tags are not kept, so they are checked afresh each time (an image signed since is seen). The file is
 * hostile input like any other: bounded, and every entry validated, or the audit stops with an input error.
 */
public final class AuditState {

    static final String FORMAT = "gate-audit-state/v1";
    static final long MAX_BYTES = 256L << 20;
    static final int MAX_NAME = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String registry;
    private final String fingerprint;
    private final Map<String, TagAudit> passed;

    private AuditState(Path file, String registry, String fingerprint, Map<String, TagAudit> passed) {
        this.file = file;
        this.registry = registry;
        this.fingerprint = fingerprint;
        this.passed = passed;
    }

    /** The state in {@code file}; an empty one when the file does not exist yet. */
    public static AuditState read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
        } catch (NoSuchFileException e) {
            return new AuditState(file, null, null, new ConcurrentHashMap<>());
        } catch (IOException e) {
            throw GateException.input("--state " + file + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw GateException.input(
                    "--state " + file + ": larger than " + (MAX_BYTES >> 20) + " MiB, not a state file gate wrote");
        }
        return parse(file, bytes);
    }

    /** A state that remembers nothing but records this run ({@code --full}). */
    public static AuditState fresh(Path file) {
        return new AuditState(file, null, null, new ConcurrentHashMap<>());
    }

    private static AuditState parse(Path file, byte[] bytes) {
        StateReader in = new StateReader("--state " + file, "remove the file or run with --full");
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw GateException.input("--state " + file + ": not JSON");
        }
        in.require(root != null && root.isObject(), "not a JSON object");
        in.require(FORMAT.equals(root.path("format").asText()), "format is not " + FORMAT);
        String registry = in.text(root, "registry", MAX_NAME);
        String fingerprint = in.digest(root, "fingerprint");
        JsonNode tags = root.path("tags");
        in.require(tags.isArray(), "'tags' is not a list");
        Map<String, TagAudit> passed = new ConcurrentHashMap<>();
        for (JsonNode entry : tags) {
            TagAudit tag = in.passingTag(entry);
            passed.put(tag.repository() + ":" + tag.tag(), tag);
        }
        return new AuditState(file, registry, fingerprint, passed);
    }

    /** What an earlier audit of {@code registry} found for this tag, if it passed, pointed at {@code digest} and was checked alike. */
    Optional<TagAudit> reusable(String repository, String tag, String digest, String currentFingerprint) {
        if (fingerprint == null || !fingerprint.equals(currentFingerprint)) {
            return Optional.empty();
        }
        TagAudit known = passed.get(repository + ":" + tag);
        return known != null && known.digest().equals(digest) ? Optional.of(known) : Optional.empty();
    }

    /** Whether this state belongs to {@code host}; a state of another registry is not used. */
    AuditState forRegistry(String host) {
        return host.equals(registry) ? this : fresh(file);
    }

    /** Replaces the file's content, atomically, with this audit's passing tags. */
    void record(String host, String newFingerprint, List<TagAudit> tags) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("registry", host);
        root.put("fingerprint", newFingerprint);
        ArrayNode list = root.putArray("tags");
        for (TagAudit t : tags) {
            if (t.ok()) {
                ObjectNode node = list.addObject();
                node.put("repository", t.repository());
                node.put("tag", t.tag());
                node.put("digest", t.digest());
                t.verifiedBy().forEach(node.putArray("verifiedBy")::add);
                t.verified().forEach(node.putArray("verified")::add);
                ObjectNode severities = node.putObject("severities");
                t.severities().forEach(severities::put);
                if (t.policyPassed() != null) {
                    node.put("policyPassed", t.policyPassed());
                }
                if (t.gated() != null) {
                    node.set("gated", t.gated().json());
                }
            }
        }
        writeAtomically(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeAtomically(byte[] content) {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), ".gate-audit-state", ".tmp");
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw GateException.operational("--state " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * What the audit checks with, as one digest: the trusted keys, the attestation types required, the policies and their
     * inputs, the advisory database's build.
     */
    static String fingerprint(
            TrustedKeys keys, List<String> requiredAttestations, TagDecision decision, Scanner scanner) {
        StringBuilder all = new StringBuilder(FORMAT).append('\n');
        keys.described().stream()
                .sorted()
                .forEach(trusted -> all.append(trusted).append('\n'));
        requiredAttestations.stream()
                .sorted()
                .forEach(t -> all.append("requires ").append(t).append('\n'));
        if (decision.evaluatesPolicies()) {
            all.append("policies ").append(decision.policyFingerprint()).append('\n');
        }
        if (decision.approvalFingerprint() != null) {
            all.append("approved ").append(decision.approvalFingerprint()).append('\n');
        }
        if (scanner != null) {
            all.append("db ").append(scanner.database().builtAt()).append('\n');
        }
        return Digest.sha256(all.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
