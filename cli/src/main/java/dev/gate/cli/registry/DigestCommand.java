package dev.gate.cli.registry;

import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gate digest REF}: the digest of the manifest or index a reference names, computed from its bytes. */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description = "Print the digest of the manifest or index REF names (of an index itself, not of a platform), "
                + "as crane digest does; computed from the bytes the registry sent.%n"
                + "Exit: 0 printed, 2 bad reference or not found, 3 registry unreachable or refused.")
public final class DigestCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "e.g. registry.example.com/team/app:1.0.0")
    String reference;

    @Override
    public Integer call() {
        Reference ref = RemoteReference.parse(reference);
        RegistryClient.Manifest manifest = RegistryClient.open(ref, registries.toOptions())
                .getManifest(ref.identifier())
                .orElseThrow(() -> GateException.input(ref + ": not found in the registry"));
        out().println(manifest.descriptor().digest());
        out().flush();
        return ExitCodes.OK;
    }
}
