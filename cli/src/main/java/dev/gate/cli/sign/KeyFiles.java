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
