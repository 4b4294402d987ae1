package dev.gate.cli.registry;

import dev.gate.cli.ExitCodes;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gate logout REGISTRY}: forgets a registry's credential in every file gate reads, or in --authfile alone. */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description =
                "Log out of a registry: its credential is removed from --authfile, else from every credentials file gate "
                        + "reads, and from the docker-credential helper a file names for it. Other entries stay as they were.%n"
                        + "Exit: 0 logged out or not logged in, 2 bad input, 3 I/O failure.")
public final class LogoutCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "e.g. registry.example.com or localhost:5000")
    String registry;

    @Override
    public Integer call() {
        String host = RegistryName.parse(registry);
        List<Path> changed = RegistryLogin.logOut(host, registries.credentials().existingFiles());
        PrintWriter out = out();
        if (changed.isEmpty()) {
            out.println("Not logged in to " + SafeText.of(host));
        } else {
            changed.forEach(file -> out.println(
                    "Removed login credentials for " + SafeText.of(host) + " (" + SafeText.of(file.toString()) + ")"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
