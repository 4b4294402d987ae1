package dev.gate.cli.push;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks git about the commit checked out in a directory. Only fixed questions, never a word from the environment:
 * the answer is bounded in time and size, git's own prompts and optional locks are off, and an unanswered question
 * (no git, not a repository, no tag) is simply no answer; one that takes too long is {@link Unanswered}.
 */
final class GitRevision {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER = 4096;

    private final Path directory;

    GitRevision(Path directory) {
        this.directory = directory;
    }

    /** git started but did not answer in time: unlike an answer of "none", worth telling the user. */
    static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message, null, false, false);
        }
    }

    /** The full id of the commit at HEAD. */
    Optional<String> head() {
        return ask("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
    }

    /** The tag that names exactly the commit at HEAD, if one does. */
    Optional<String> exactTag() {
        return ask("describe", "--tags", "--exact-match", "HEAD");
    }

    private Optional<String> ask(String... question) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.fsmonitor=false", "--no-pager"));
        command.addAll(List.of(question));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // the answers are a line: git has written them into the pipe and exited long before the pipe could fill
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unanswered("git " + question[0] + " did not answer within " + TIMEOUT.toSeconds() + "s");
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            String line = new String(out.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8).strip();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
