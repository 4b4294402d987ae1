package dev.gate.cli;

import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, for what a reader of gate's HTML pages sees: the DOM after the browser parsed
 * the page (and ran any script that got into it), and a screenshot. Kept off the network: every host name resolves
 * to nothing, no background or component-update requests, and a fresh profile per call. Missing, it skips a test
 * visibly, and fails it under {@code CI=true}.
 */
public final class HeadlessChromium {

    private static final List<String> OFFLINE = List.of(
            "--headless",
            "--no-sandbox", // the tests run as root, where Chromium's sandbox refuses to start
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND");

    private final Path executable;
    private final Path work;

    private HeadlessChromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** Chromium from PATH, with profiles under {@code work}; skips the calling test when it is not installed. */
    public static HeadlessChromium require(Path work) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "chromium");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return new HeadlessChromium(candidate, work);
            }
        }
        TestMaterial.missing("chromium is not installed: apt-get install chromium (.ci/run does)");
        throw new AssertionError("unreachable");
    }

    /** The page's DOM as the browser holds it once loaded, serialized. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run("--dump-dom", page.toUri().toString());
    }

    /** A PNG of the page as a window of the given size shows it. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(
                "--screenshot=" + png,
                "--window-size=" + width + "," + height,
                page.toUri().toString());
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(OFFLINE);
        command.add("--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // Chromium complains on stderr about the missing session bus; it matters only when the run fails.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exit " + process.exitValue() + ": " + err.join());
        }
        return out;
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
