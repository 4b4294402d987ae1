package dev.gate.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tarball {@code mvn package} built, unpacked with tar as a user would, and run as on a machine without a JDK:
 * from an empty environment whose PATH holds only the few programs the launcher calls (bash, dirname, readlink),
 * with no JAVA_HOME.
 */
public final class UnpackedDistribution {

    /** The programs bin/gate runs besides its own runtime. */
    private static final List<String> LAUNCHER_NEEDS = List.of("bash", "dirname", "readlink");

    public final Path home;
    public final Path path;
    private final Path user;

    private UnpackedDistribution(Path home, Path path, Path user) {
        this.home = home;
        this.path = path;
        this.user = user;
    }

    /** Unpacks {@code tarball} under {@code dir}; its one top folder is the distribution's home. */
    public static UnpackedDistribution unpack(Path tarball, Path dir) throws IOException, InterruptedException {
        Path into = Files.createDirectories(dir.resolve("opt"));
        Result untar = run(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString()), "");
        if (untar.code() != 0) {
            throw new AssertionError("tar: " + untar);
        }
        List<Path> top;
        try (var entries = Files.list(into)) {
            top = entries.toList();
        }
        if (top.size() != 1) {
            throw new AssertionError("one folder at the top of the tarball, found " + top);
        }
        Path path = Files.createDirectories(dir.resolve("path"));
        for (String program : LAUNCHER_NEEDS) {
            Files.createSymbolicLink(path.resolve(program), which(program));
        }
        return new UnpackedDistribution(top.get(0), path, Files.createDirectories(dir.resolve("home")));
    }

    /** {@code bin/gate ARGS} from the working directory {@code cwd}, with {@code environment} added. */
    public Result gate(Path cwd, Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/gate").toString()));
        command.addAll(List.of(args));
        return shell(cwd, environment, stdin, command);
    }

    /** A command in the environment gate runs in. */
    public Result shell(Path cwd, Map<String, String> environment, String stdin, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", path.toString());
        builder.environment().put("HOME", user.toString());
        builder.environment().putAll(environment);
        return run(builder, stdin);
    }

    private static Path which(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on this machine's PATH");
    }

    private static Result run(ProcessBuilder builder, String stdin) throws IOException, InterruptedException {
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
