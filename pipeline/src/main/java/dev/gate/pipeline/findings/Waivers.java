package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Time-boxed exceptions a security team grants: a waiver names what it covers (a vulnerability id or alias, optionally
 * narrowed by a purl and a repository pattern; or a whole rule), why, who approved it and until when. Matching findings
 * carry the waiver in the policy input ({@code input.vulnerabilities[].waiver}); every waiver that applied, and every one
 * that has expired, is listed in {@code input.waivers}, which the signed decision record keeps. An expired waiver
 * covers nothing.
 */
public final class Waivers {

    /** A waiver file is a few hundred entries at most: bounded before it is parsed. */
    static final long MAX_FILE = 4L << 20;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS =
            Set.of("id", "purl", "repository", "rule", "reason", "approver", "expires");

    /** One waiver; {@code purl} and {@code repository} are patterns in which {@code *} matches any text. */
    public record Waiver(
            String id,
            String purl,
            String repository,
            String rule,
            String reason,
            String approver,
            LocalDate expires,
            String file) {

        boolean expiredOn(LocalDate today) {
            return today.isAfter(expires);
        }

        ObjectNode describe() {
            ObjectNode node = YAML.createObjectNode();
            if (id != null) {
                node.put("id", id);
            }
            if (rule != null) {
                node.put("rule", rule);
            }
            node.put("reason", reason)
                    .put("approver", approver)
                    .put("expires", expires.toString())
                    .put("file", file);
            return node;
        }
    }

    private Waivers() {}

    /**
     * The waivers of each file: YAML or JSON, {@code waivers: [{id|rule, reason, approver, expires, purl?, repository?}]}.
     * A waiver without what it covers, a reason, an approver or an expiry date is an input error naming the file and entry.
     */
    public static List<Waiver> read(List<Path> files) {
        List<Waiver> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(read(file));
        }
        return all;
    }

    private static List<Waiver> read(Path file) {
        byte[] bytes = NamedFiles.read("--waivers", file, MAX_FILE);
        JsonNode doc;
        try {
            doc = YAML.readTree(bytes);
        } catch (IOException e) {
            throw GateException.input(
                    "--waivers " + file + ": not YAML or JSON: " + SafeText.of(firstLine(e.getMessage())));
        }
        JsonNode list = doc == null ? null : doc.get("waivers");
        if (list == null || !list.isArray()) {
            throw GateException.input("--waivers " + file + ": expected a list under 'waivers'");
        }
        List<Waiver> waivers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            waivers.add(waiver(list.get(i), file + ": waivers[" + i + "]", file.toString()));
        }
        return waivers;
    }

    private static Waiver waiver(JsonNode entry, String where, String file) {
        if (!entry.isObject()) {
            throw GateException.input(where + ": expected a mapping");
        }
        entry.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw GateException.input(where + ": unknown field " + SafeText.quoted(name));
            }
        });
        String id = text(entry, "id", where);
        String rule = text(entry, "rule", where);
        if ((id == null) == (rule == null)) {
            throw GateException.input(where + ": give either id (a vulnerability id or alias) or rule (a rule name)");
        }
        String reason = required(entry, "reason", where);
        String approver = required(entry, "approver", where);
        String expires = required(entry, "expires", where);
        LocalDate date;
        try {
            date = LocalDate.parse(expires.length() > 10 ? expires.substring(0, 10) : expires);
        } catch (DateTimeParseException e) {
            throw GateException.input(where + ": expires " + SafeText.quoted(expires) + " is not a date (YYYY-MM-DD)");
        }
        return new Waiver(
                id, text(entry, "purl", where), text(entry, "repository", where), rule, reason, approver, date, file);
    }

    /**
     * Marks the findings of {@code input} that an unexpired waiver covers and lists the waivers in {@code input.waivers}:
     * {@code applied} (with how many findings each covered; a rule waiver always applies), {@code expired}, and
     * {@code rules} (the rule names waived, for policies to exempt).
     */
    public static void apply(ObjectNode input, List<Waiver> waivers, LocalDate today) {
        String repository = input.path("image").path("repository").asText("");
        String registry = input.path("image").path("registry").asText("");
        ArrayNode applied = YAML.createArrayNode();
        ArrayNode expired = YAML.createArrayNode();
        ArrayNode rules = YAML.createArrayNode();
        for (Waiver w : waivers) {
            if (w.repository() != null
                    && !matches(w.repository(), repository)
                    && !matches(w.repository(), registry + "/" + repository)) {
                continue;
            }
            if (w.expiredOn(today)) {
                expired.add(w.describe());
                continue;
            }
            int covered = 0;
            if (w.rule() != null) {
                rules.add(w.rule());
            } else {
                for (JsonNode v : input.path("vulnerabilities")) {
                    if (!v.has("waiver") && covers(w, v)) {
                        ((ObjectNode) v).set("waiver", w.describe());
                        covered++;
                    }
                }
            }
            if (w.rule() != null || covered > 0) {
                applied.add(w.describe().put("findings", covered));
            }
        }
        ObjectNode section = input.putObject("waivers");
        section.set("applied", applied);
        section.set("expired", expired);
        section.set("rules", rules);
    }

    private static boolean covers(Waiver w, JsonNode vulnerability) {
        boolean named = w.id().equalsIgnoreCase(vulnerability.path("id").asText());
        for (JsonNode alias : vulnerability.path("aliases")) {
            named |= w.id().equalsIgnoreCase(alias.asText());
        }
        return named
                && (w.purl() == null
                        || matches(
                                w.purl(),
                                vulnerability.path("package").path("purl").asText("")));
    }

    static boolean matches(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), text);
    }

    private static String required(JsonNode entry, String field, String where) {
        String value = text(entry, field, where);
        if (value == null || value.isBlank()) {
            throw GateException.input(where + ": missing " + field);
        }
        return value;
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw GateException.input(where + ": " + field + " must be text");
        }
        String text = value.asText();
        if (text.length() > 1024) {
            throw GateException.input(where + ": " + field + " is over 1024 characters");
        }
        return text;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
