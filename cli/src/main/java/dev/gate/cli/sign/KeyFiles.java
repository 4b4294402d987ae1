package dev.gate.cli.sign;

import dev.gate.image.GateException;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads key files named on the command line, with errors that name the file. */
public final class KeyFiles {

    private KeyFiles() {
    }

    public static CosignKeyPair loadPrivate(Path file) {
        String text = read(file);
        return CosignKeyFile.decrypt(text, Passwords.read("Enter password for private key: ", false), file.toString());
    }

    /**
     * Reads the file and the password now (so a missing file or password fails at once) and decrypts
     * in the background: scrypt takes most of a second, which the gate spends cataloging meanwhile.
     */
    public static java.util.concurrent.CompletableFuture<CosignKeyPair> loadPrivateInBackground(Path file) {
        String text = read(file);
        char[] password = Passwords.read("Enter password for private key: ", false);
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> CosignKeyFile.decrypt(text, password, file.toString()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw GateException.input(file + ": no such key file");
        } catch (IOException e) {
            throw GateException.input(file + ": cannot read: " + e.getMessage());
        }
    }
}
