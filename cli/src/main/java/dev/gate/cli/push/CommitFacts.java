package dev.gate.cli.push;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The commit a build is of: from the variables GitHub Actions, GitLab CI and Jenkins set, else from git in the
 * working directory. Every value is checked before it becomes part of a tag: a variable is whatever the job's
 * environment holds, and a git tag may have characters no image tag can.
 */
final class CommitFacts {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    static final int SHORT_LENGTH = 7;

    private final UnaryOperator<String> environment;
    private final GitRevision git;

    CommitFacts(UnaryOperator<String> environment, GitRevision git) {
        this.environment = environment;
        this.git = git;
    }

    /** {@code {git.sha}}: the full commit id. */
    String sha() {
        return sha("{git.sha}");
    }

    private String sha(String placeholder) {
        Found found = variable("GITHUB_SHA")
                .or(() -> variable("CI_COMMIT_SHA"))
                .or(() -> variable("GIT_COMMIT"))
                .or(() -> fromGit(placeholder, "git rev-parse HEAD", git::head))
                .orElseThrow(() -> missing(
                        placeholder,
                        "no commit: none of GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT is set "
                                + "and the working directory is not a git checkout"));
        return checked(
                placeholder, found, COMMIT_ID.matcher(found.value()).matches(), "a commit id (40 or 64 hex digits)");
    }

    /** {@code {git.short}}: GitLab's short id, else the first seven digits of the commit id. */
    String shortSha() {
        Optional<Found> gitlab = variable("CI_COMMIT_SHORT_SHA");
        if (gitlab.isPresent()) {
            Found found = gitlab.get();
            return checked(
                    "{git.short}", found, found.value().matches("[0-9a-f]{4,64}"), "a short commit id (hex digits)");
        }
        return sha("{git.short}").substring(0, SHORT_LENGTH);
    }

    /** {@code {git.tag}}: the git tag being built (GitHub, GitLab, Jenkins), else the tag that names HEAD exactly. */
    String tag() {
        Optional<Found> github =
                "tag".equals(environment.apply("GITHUB_REF_TYPE")) ? variable("GITHUB_REF_NAME") : Optional.empty();
        Found found = github.or(() -> variable("CI_COMMIT_TAG"))
                .or(() -> variable("TAG_NAME"))
                .or(() -> fromGit("{git.tag}", "git describe --tags --exact-match", git::exactTag))
                .orElseThrow(() -> missing(
                        "{git.tag}",
                        "the commit has no tag: GITHUB_REF_TYPE is not 'tag', CI_COMMIT_TAG "
                                + "and TAG_NAME are not set, and no git tag names HEAD"));
        return checked(
                "{git.tag}",
                found,
                Reference.isValidTag(found.value()),
                "an image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
    }

    /** A value and where it came from, for messages. */
    private record Found(String value, String source) {}

    private Optional<Found> variable(String name) {
        String value = environment.apply(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(new Found(value, name));
    }

    private static Optional<Found> fromGit(String placeholder, String question, Supplier<Optional<String>> answer) {
        try {
            return answer.get().map(value -> new Found(value, question));
        } catch (GitRevision.Unanswered e) {
            throw missing(placeholder, e.getMessage());
        }
    }

    private static String checked(String placeholder, Found found, boolean valid, String expected) {
        if (!valid) {
            throw GateException.input(placeholder + ": " + found.source() + " is " + SafeText.quoted(found.value())
                    + ", which is not " + expected);
        }
        return found.value();
    }

    private static GateException missing(String placeholder, String why) {
        return GateException.input(placeholder + ": " + why);
    }
}
