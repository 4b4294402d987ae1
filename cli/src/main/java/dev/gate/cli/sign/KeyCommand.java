package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.errors.GateException;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gate key generate|public}: cosign-format signing keys. */
@Command(
        name = "key",
        mixinStandardHelpOptions = true,
        description = "Create and inspect cosign-format keys.",
        subcommands = {KeyCommand.Generate.class, KeyCommand.Public.class})
public final class KeyCommand {

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Write an encrypted ECDSA P-256 key pair PREFIX.key (mode 0600) and PREFIX.pub.")
    static final class Generate implements Callable<Integer> {
        private final Environment environment;

        Generate(Environment environment) {
            this.environment = environment;
        }

        @Spec
        CommandSpec spec;

        @Option(
                names = "--output-key-prefix",
                paramLabel = "PREFIX",
                defaultValue = "cosign",
                description = "File name prefix (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Override
        public Integer call() {
            Path privateFile = Path.of(prefix + ".key");
            Path publicFile = Path.of(prefix + ".pub");
            KeyFiles.refuseLink(privateFile);
            KeyFiles.refuseLink(publicFile);
            if (Files.exists(privateFile, LinkOption.NOFOLLOW_LINKS)) {
                throw GateException.input(privateFile + " already exists; not overwriting a private key");
            }
            CosignKeyPair pair = CosignKeyFile.generate();
            String encrypted =
                    CosignKeyFile.encrypt(pair, Passwords.read(environment, "Enter password for private key: ", true));
            KeyFiles.writePrivate(privateFile, encrypted);
            KeyFiles.writePublic(publicFile, pair.publicPem());
            spec.commandLine().getOut().println("Private key written to " + privateFile);
            spec.commandLine().getOut().println("Public key written to " + publicFile);
            return 0;
        }
    }

    @Command(
            name = "public",
            mixinStandardHelpOptions = true,
            description = "Print the PUBLIC KEY PEM of a private key file.")
    static final class Public implements Callable<Integer> {
        private final Environment environment;

        Public(Environment environment) {
            this.environment = environment;
        }

        @Spec
        CommandSpec spec;

        @Option(names = "--key", paramLabel = "FILE", required = true, description = "cosign private key file.")
        Path key;

        @Override
        public Integer call() {
            spec.commandLine()
                    .getOut()
                    .print(KeyFiles.loadPrivate(key, environment).publicPem());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
