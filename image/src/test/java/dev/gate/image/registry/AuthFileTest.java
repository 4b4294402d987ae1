package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.oci.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {

    @TempDir
    Path temp;

    @Test
    void aLoginReplacesEveryEntryOfTheRegistryAndKeepsTheRest() throws Exception {
        Path file = temp.resolve("config.json");
        Files.writeString(
                file,
                "{\"auths\":{\"https://r.example\":{\"auth\":\"b2xkOm9sZA==\"},\"s.example\":{\"auth\":\"czp0\"}},"
                        + "\"credHelpers\":{\"gcr.io\":\"gcloud\"},\"currentContext\":\"desktop\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AuthFile auth = AuthFile.open(file);
        auth.logIn("r.example", Credential.password("new", "secret"));
        auth.save();

        JsonNode written = Json.MAPPER.readTree(file.toFile());
        assertFalse(written.path("auths").has("https://r.example"));
        assertEquals("bmV3OnNlY3JldA==", written.at("/auths/r.example/auth").asText());
        assertEquals("czp0", written.at("/auths/s.example/auth").asText());
        assertEquals("gcloud", written.at("/credHelpers/gcr.io").asText());
        assertEquals("desktop", written.path("currentContext").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(
                "new",
                new CredentialStore(List.of(file))
                        .lookup("r.example")
                        .orElseThrow()
                        .username());
    }

    @Test
    void aLinkedFileIsReplacedBehindTheLink() throws Exception {
        Path real = Files.createDirectories(temp.resolve("secrets")).resolve("auth.json");
        Files.writeString(real, "{}");
        Path link = Files.createSymbolicLink(temp.resolve("auth.json"), real);
        AuthFile auth = AuthFile.open(link);
        auth.logIn("docker.io", Credential.password("hub", "pw"));
        auth.save();
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Json.MAPPER.readTree(real.toFile()).path("auths").has("https://index.docker.io/v1/"));
    }

    @Test
    void aNewFileAndItsDirectoryAreOwnerOnly() throws Exception {
        Path file = temp.resolve("new/.docker/config.json");
        AuthFile auth = AuthFile.open(file);
        auth.logIn("r.example", Credential.password("u", "p"));
        auth.save();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aFileThatIsNotAJsonObjectIsRefusedWithoutQuotingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("config.json"), "{\"auths\": {\"r\": {\"auth\": \"c2VjcmV0\"}");
        GateException error = assertThrows(GateException.class, () -> AuthFile.open(file));
        assertFalse(error.getMessage().contains("c2VjcmV0"), error.getMessage());
    }
}
