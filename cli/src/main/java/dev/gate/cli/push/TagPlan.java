package dev.gate.cli.push;

import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.Transports;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an image goes and the further tags it gets, settled before anything is written: the commit's placeholders
 * filled in, every further tag checked against the tag grammar. The further tags are moved last, once the image,
 * its signatures and its own tag are in place, each a plain tag move to the digest that was pushed.
 */
final class TagPlan {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String destination;
    private final List<String> alsoTags;
    private final CommitFacts commit;

    private TagPlan(String destination, List<String> alsoTags, CommitFacts commit) {
        this.destination = destination;
        this.alsoTags = List.copyOf(alsoTags);
        this.commit = commit;
    }

    static TagPlan of(String destination, List<String> alsoTags, CommitFacts commit) {
        String filled = fill(destination, commit);
        List<String> tags = new ArrayList<>();
        for (String tag : alsoTags) {
            String value = fill(tag, commit);
            if (!Reference.isValidTag(value)) {
                throw GateException.input(
                        "--also-tag " + SafeText.quoted(value) + " is not a tag (letters, digits, '_', '.', '-'; "
                                + "at most 128; not starting with '.' or '-')");
            }
            if (!tags.contains(value)) {
                tags.add(value);
            }
        }
        if (!tags.isEmpty() && !isRegistry(filled)) {
            throw GateException.input("--also-tag needs a registry destination, not " + SafeText.quoted(filled));
        }
        return new TagPlan(filled, tags, commit);
    }

    String destination() {
        return destination;
    }

    /** A further destination ({@code --also}) with the same commit's placeholders filled in. */
    String fill(String otherDestination) {
        return fill(otherDestination, commit);
    }

    List<String> alsoTags() {
        return alsoTags;
    }

    /** Points each further tag at {@code digest}, the manifest just pushed to the destination's repository. */
    void moveAlsoTags(Digest digest, RegistryOptions options) {
        if (alsoTags.isEmpty()) {
            return;
        }
        Reference reference = Reference.parse(destination.replaceFirst("^docker://", ""));
        RegistryClient client = RegistryClient.open(reference, options);
        RegistryClient.Manifest pushed = client.getManifest(digest.toString())
                .orElseThrow(() -> GateException.operational(
                        reference.registry() + "/" + reference.repository() + " no longer holds " + digest
                                + ", which was just pushed",
                        null));
        for (String tag : alsoTags) {
            client.putManifest(tag, pushed.descriptor(), pushed.raw());
        }
    }

    private static String fill(String text, CommitFacts commit) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "git.sha" -> commit.sha();
                case "git.short" -> commit.shortSha();
                case "git.tag" -> commit.tag();
                default ->
                    throw GateException.input("unknown placeholder " + SafeText.quoted(m.group()) + " in "
                            + SafeText.quoted(text) + " (known: {git.sha}, {git.short}, {git.tag})");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isRegistry(String location) {
        int colon = location.indexOf(':');
        String prefix = colon < 0 ? "" : location.substring(0, colon);
        return location.startsWith("docker://") || !Transports.KNOWN.contains(prefix);
    }
}
