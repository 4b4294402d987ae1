package dev.gate.cli.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cosign run in a test's folder with the flags key-based work needs without a transparency log, on a plain-HTTP
 * loopback registry. Key files are encrypted with {@link #PASSWORD}, as gate's test keys are.
 */
final class Cosign {

    static final Map<String, String> PASSWORD = Map.of("COSIGN_PASSWORD", "pw");

    private final Path dir;

    Cosign(Path dir) {
        this.dir = dir;
    }

    Tool run(String... args) throws Exception {
        return Tool.run("cosign", dir, PASSWORD, args);
    }

    /** {@code cosign verify} or {@code verify-attestation} with a public key and no transparency log. */
    Tool verify(String command, Path publicKey, String image, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--key",
                publicKey.toString(),
                "--insecure-ignore-tlog=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true"));
        args.addAll(List.of(more));
        args.add(image);
        return run(args.toArray(String[]::new));
    }

    /** {@code cosign sign} or {@code attest} with a private key and no transparency-log upload. */
    Tool publish(String command, Path key, String image, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--key",
                key.toString(),
                "--use-signing-config=false",
                "--tlog-upload=false",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                "--yes"));
        args.addAll(List.of(more));
        args.add(image);
        return run(args.toArray(String[]::new));
    }

    /** A new repository on the loopback registry for one test's image, so that runs never share signatures. */
    static String freshImage(String registry, String name, String tag) {
        return registry + "/interop/" + name + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8) + ":" + tag;
    }
}
