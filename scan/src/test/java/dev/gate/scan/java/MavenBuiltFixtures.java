package dev.gate.scan.java;

import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java applications built at test time from Maven Central by Maven itself (the real spring-boot-maven-plugin,
 * maven-shade-plugin and maven-dependency-plugin), from the poms in {@code src/test/resources/java-fixtures}.
 * Each is built once into {@code ~/.cache/gate-java-fixtures/<pom name>-<pom sha1>/} and reused; a build
 * is bounded in time. Without Maven or Maven Central the calling test is skipped visibly (failed under
 * CI=true), as other material-backed tests are. {@code mvn dependency:list} is the ground truth.
 */
final class MavenBuiltFixtures {

    private static final long BUILD_MINUTES = 8;
    /** {@code group:artifact:jar[:classifier]:version:scope}, as dependency:list writes it. */
    private static final Pattern DEPENDENCY =
            Pattern.compile("^\\s*([\\w.-]+):([\\w.-]+):jar:(?:([\\w.-]+):)?([\\w.+-]+):(compile|runtime)\\b.*$");

    /** One jar of the ground truth: coordinates and the file name Maven gives it. */
    record Dependency(String group, String artifact, String version, String fileName) {
        String purl() {
            return "pkg:maven/" + group + "/" + artifact + "@" + version;
        }
    }

    private MavenBuiltFixtures() {}

    /**
     * Builds the project of {@code pom} (a resource name) with {@code goals}, runtime jars copied into
     * {@code libs/} and dependency:list written to {@code deps.txt}; returns the project folder.
     */
    static Path build(String pom) {
        byte[] text;
        try (InputStream in = MavenBuiltFixtures.class.getResourceAsStream("/java-fixtures/" + pom)) {
            text = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture pom " + pom + " missing", e);
        }
        Path dir = cacheRoot()
                .resolve(pom.replace(".pom.xml", "") + "-" + sha1(text).substring(0, 12));
        if (Files.isRegularFile(dir.resolve("built"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("pom.xml"), text);
            Path log = dir.resolve("mvn.log");
            Process mvn = new ProcessBuilder(
                            "mvn",
                            "-B",
                            "-ntp",
                            "package",
                            "dependency:copy-dependencies",
                            "dependency:list",
                            "-DincludeScope=runtime",
                            "-DoutputDirectory=libs",
                            "-DoutputFile=deps.txt",
                            "-DappendOutput=false")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!mvn.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                mvn.destroyForcibly();
                TestMaterial.missing(
                        "building " + pom + " with Maven took over " + BUILD_MINUTES + " minutes; see " + log);
            }
            if (mvn.exitValue() != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                boolean offline = output.contains("Could not transfer")
                        || output.contains("Unknown host")
                        || output.contains("Connection refused")
                        || output.contains("Network is unreachable");
                TestMaterial.missing(
                        (offline ? "Maven Central unreachable" : "Maven failed") + " building " + pom + "; see " + log);
            }
            Files.writeString(dir.resolve("built"), "ok\n");
        } catch (IOException e) {
            TestMaterial.missing("cannot run Maven for " + pom + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return dir;
    }

    /** The runtime jars dependency:list names, by the file name Maven gives each. */
    static Map<String, Dependency> groundTruth(Path project) throws IOException {
        Map<String, Dependency> byFile = new LinkedHashMap<>();
        for (String line : Files.readAllLines(project.resolve("deps.txt"), StandardCharsets.UTF_8)) {
            Matcher m = DEPENDENCY.matcher(line);
            if (m.matches()) {
                String file = m.group(2) + "-" + m.group(4) + (m.group(3) == null ? "" : "-" + m.group(3)) + ".jar";
                byFile.put(file, new Dependency(m.group(1), m.group(2), m.group(4), file));
            }
        }
        return byFile;
    }

    static List<Path> libs(Path project) throws IOException {
        try (var files = Files.list(project.resolve("libs"))) {
            return new ArrayList<>(
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList());
        }
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("gate-java-fixtures");
    }
}
