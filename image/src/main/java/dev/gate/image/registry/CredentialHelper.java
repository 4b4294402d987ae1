package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code docker-credential-NAME get|store|erase}, the credential helper protocol, bounded in time and in
 * the size of its answer: a helper that hangs (waiting for a desktop unlock, say) or floods its
 * output ends the run with an operational error instead of holding it. Questions and answers carry
 * secrets and are never printed.
 */
final class CredentialHelper {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_ANSWER = 64 << 10;

    private CredentialHelper() {}

    static Optional<Credential> get(String name, String registry) {
        return run(List.of(program(name), "get"), registry, TIMEOUT);
    }

    /** Hands {@code credential} for {@code registry} to the helper, which keeps it in its own store. */
    static void store(String name, String registry, Credential credential) {
        String question = Json.MAPPER
                .createObjectNode()
                .put("ServerURL", registry)
                .put("Username", credential.identityToken() ? "<token>" : credential.username())
                .put("Secret", credential.secret())
                .toString();
        Exchange done = exchange(List.of(program(name), "store"), question, TIMEOUT);
        if (done.exitCode() != 0) {
            throw GateException.operational(program(name) + " store failed (exit " + done.exitCode() + ")", null);
        }
    }

    /** Asks the helper to forget {@code registry}; false when it held nothing for it. */
    static boolean erase(String name, String registry) {
        return exchange(List.of(program(name), "erase"), registry, TIMEOUT).exitCode() == 0;
    }

    private static String program(String name) {
        return "docker-credential-" + name;
    }

    /** {@code command} asked for {@code registry}'s credential; empty when it has none (a non-zero exit). */
    static Optional<Credential> run(List<String> command, String registry, Duration timeout) {
        Exchange answer = exchange(command, registry, timeout);
        if (answer.exitCode() != 0) {
            return Optional.empty();
        }
        String program = command.get(0);
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(answer.output());
        } catch (IOException e) {
            // the message of a JSON error could quote the answer, which holds the secret
            throw GateException.operational(
                    "credential helper " + program + " failed or answered something that is not JSON", null);
        }
        if (parsed == null || !parsed.path("Secret").isTextual()) {
            throw GateException.operational(program + " answered something that is not a credential", null);
        }
        String user = parsed.path("Username").asText();
        String secret = parsed.path("Secret").asText();
        return Optional.of(
                user.equals("<token>") ? Credential.identityToken(secret) : Credential.password(user, secret));
    }

    /** What a helper answered: its exit code and standard output. */
    private record Exchange(int exitCode, byte[] output) {}

    private static Exchange exchange(List<String> command, String question, Duration timeout) {
        String program = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw GateException.operational("credential helper " + program + " could not be run: " + e.getMessage(), e);
        }
        try {
            FutureTask<byte[]> answer = new FutureTask<>(() -> readAnswer(process.getInputStream()));
            Thread reader = new Thread(answer, "gate-credential-helper");
            reader.setDaemon(true);
            reader.start();
            ask(process, question);
            byte[] output = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output == null) {
                throw GateException.operational(
                        program + " answered more than " + CappedBody.readable(MAX_ANSWER), null);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw GateException.operational(
                        program + " did not exit within " + IdleTimeout.describe(timeout), null);
            }
            return new Exchange(process.exitValue(), output);
        } catch (TimeoutException e) {
            throw GateException.operational(program + " did not answer within " + IdleTimeout.describe(timeout), null);
        } catch (ExecutionException e) {
            throw GateException.operational("credential helper " + program + " failed while answering", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while running " + program, e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Writes the question; a helper that exits without reading it (it has no credential) is answered by its exit code. */
    private static void ask(Process process, String question) {
        try (var input = process.getOutputStream()) {
            input.write(question.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // broken pipe: the exit code and the answer tell the rest
        }
    }

    /** The answer, or null when it is larger than {@link #MAX_ANSWER}. */
    private static byte[] readAnswer(InputStream output) throws IOException {
        byte[] answer = output.readNBytes(MAX_ANSWER + 1);
        return answer.length > MAX_ANSWER ? null : answer;
    }
}
