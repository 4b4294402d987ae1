package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.errors.GateException;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads and writes key files named on the command line, with errors that name the file. */
public final class KeyFiles {

    private KeyFiles() {}

    public static CosignKeyPair loadPrivate(Path file, Environment environment) {
        String text = read(file);
        return CosignKeyFile.decrypt(
                text, Passwords.read(environment, "Enter password for private key: ", false), file.toString());
    }

    /**
     * Reads the file and the password now (so a missing file or password fails at once) and decrypts
     * in the background: scrypt takes most of a second, which the gate spends cataloging meanwhile.
     */
    public static java.util.concurrent.CompletableFuture<CosignKeyPair> loadPrivateInBackground(
            Path file, Environment environment) {
        String text = read(file);
        char[] password = Passwords.read(environment, "Enter password for private key: ", false);
        return java.util.concurrent.CompletableFuture.supplyAsync(
                () -> CosignKeyFile.decrypt(text, password, file.toString()));
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

    /**
     * Refuses an output path that is a symbolic link: one planted at cosign.pub or cosign.key (a shared
     * working folder, a checked-out repository) would otherwise make gate write a key over the file it names.
     */
    static void refuseLink(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw GateException.input(file + " is a symbolic link; not writing a key through it");
        }
    }

    /** Creates the private key file, 0600 from the start so it is never readable by others, even briefly. */
    static void writePrivate(Path file, String text) {
        FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        write(
                file,
                text,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                ownerOnly);
    }

    /** Writes the public key file, replacing a regular file but never writing through a link. */
    static void writePublic(Path file, String text) {
        write(
                file,
                text,
                Set.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS));
    }

    private static void write(Path file, String text, Set<OpenOption> options, FileAttribute<?>... attributes) {
        // One open with O_NOFOLLOW: a link swapped in after refuseLink's check fails here instead of being followed.
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (FileAlreadyExistsException e) {
            throw GateException.input(file + " already exists; not overwriting a private key");
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** A missing folder is the user's to create, as is a link in the way (exit 2); anything else is the file system's (exit 3). */
    private static GateException cannotWrite(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            Path folder = file.toAbsolutePath().getParent();
            return GateException.input("cannot write " + file + ": no such directory " + folder);
        }
        if (Files.isSymbolicLink(file)) {
            return GateException.input(file + " is a symbolic link; not writing a key through it");
        }
        return GateException.operational("cannot write " + file + ": " + e.getMessage(), e);
    }
}
