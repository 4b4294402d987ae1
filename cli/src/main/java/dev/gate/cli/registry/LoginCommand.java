package dev.gate.cli.registry;

import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.image.registry.Credential;
import dev.gate.image.registry.RegistryLogin;
import dev.gate.image.registry.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gate login REGISTRY}: checks a credential with the registry and saves it where docker and podman read it. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description =
                "Log in to a registry: the credential is checked with the registry (basic or token authentication) and "
                        + "only then saved, in --authfile, else in the first existing file of REGISTRY_AUTH_FILE, "
                        + "$XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json, docker's config.json "
                        + "(a new one: REGISTRY_AUTH_FILE or docker's config.json), or in the docker-credential helper that file names.%n"
                        + "Exit: 0 logged in, 2 bad input, 3 registry unreachable or credential refused.")
public final class LoginCommand extends RegistryCommand {

    private static final int MAX_PASSWORD = 64 << 10;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "e.g. registry.example.com or localhost:5000")
    String registry;

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER",
            required = true,
            description = "The user to log in as.")
    String username;

    @Option(
            names = "--password-stdin",
            required = true,
            description = "Read the password (or token) from standard input; a trailing line break is dropped.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        String host = RegistryName.parse(registry);
        if (username.isEmpty() || username.contains(":")) {
            // basic authentication and the auth files join user and password with the first colon
            throw GateException.input("--username must be non-empty and must not contain ':'");
        }
        Credential credential = Credential.password(username, readPassword(System.in));
        RegistryOptions options = registries.optionsForLogin();
        Path file = registries.credentials().fileForLogin();
        RegistryLogin.logIn(host, credential, options, file);
        out().println("Login Succeeded: " + SafeText.of(host) + " (" + SafeText.of(file.toString()) + ")");
        out().flush();
        return ExitCodes.OK;
    }

    static String readPassword(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_PASSWORD + 1);
        } catch (IOException e) {
            throw GateException.input("cannot read the password from standard input: " + e.getMessage());
        }
        if (bytes.length > MAX_PASSWORD) {
            throw GateException.input("the password on standard input is longer than 64 KiB");
        }
        String password = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
        if (password.isEmpty()) {
            throw GateException.input("no password on standard input");
        }
        return password;
    }
}
