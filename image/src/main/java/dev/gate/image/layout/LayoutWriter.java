package dev.gate.image.layout;

import dev.gate.image.Descriptor;
import dev.gate.image.MediaTypes;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.oci.Json;
import dev.gate.image.oci.OciIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one writer of an OCI layout, for images and for the signatures and attestations attached to them. A blob is
 * written to a temporary file and renamed into place only once its digest checks out, so an interrupted write never
 * leaves a corrupt blob; a blob already present is kept. {@code index.json} is changed under the layout's lock
 * ({@link LayoutLock}) and replaced atomically, so processes writing one layout at once do not lose each other's
 * entries.
 */
public final class LayoutWriter {

    public static final String REF_NAME = OciLayout.REF_NAME;

    private final OciLayout layout;

    public LayoutWriter(Path root) {
        this.layout = new OciLayout(root);
    }

    LayoutWriter(OciLayout layout) {
        this.layout = layout;
    }

    /** Whether the blob is in the layout already, with its declared size. */
    public boolean has(Descriptor descriptor) throws IOException {
        Path path = layout.blobPath(descriptor.digest());
        return Files.isRegularFile(path) && Files.size(path) == descriptor.size();
    }

    /** Writes the blob unless it is present; {@code content} is checked against the descriptor as it is copied. */
    public void blob(Descriptor descriptor, InputStream content) throws IOException {
        prepare();
        if (!has(descriptor)) {
            try (InputStream in = VerifyingInputStream.checked(content, descriptor, "source")) {
                writeAtomically(layout.blobPath(descriptor.digest()), in);
            }
        }
    }

    public void blob(Descriptor descriptor, byte[] content) throws IOException {
        blob(descriptor, new ByteArrayInputStream(content));
    }

    /**
     * Lists the manifest in index.json: named {@code tag}, replacing the entry that had the name, or unnamed when
     * {@code tag} is null; an unnamed entry of the same manifest is dropped either way.
     */
    public void name(Descriptor manifest, String tag) throws IOException {
        prepare();
        LayoutLock.holding(layout.root(), () -> {
            Path indexFile = layout.root().resolve("index.json");
            List<Descriptor> entries = new ArrayList<>();
            if (Files.exists(layout.unlinked(indexFile))) {
                for (Descriptor existing : layout.readIndex().manifests()) {
                    String name = existing.annotations() == null
                            ? null
                            : existing.annotations().get(REF_NAME);
                    boolean sameName = tag != null && tag.equals(name);
                    boolean sameUnnamed = name == null && existing.digest().equals(manifest.digest());
                    if (!sameName && !sameUnnamed) {
                        entries.add(existing);
                    }
                }
            }
            entries.add(tag == null ? manifest : manifest.withAnnotations(Map.of(REF_NAME, tag)));
            writeAtomically(
                    indexFile,
                    new ByteArrayInputStream(
                            Json.write(new OciIndex(2, MediaTypes.OCI_INDEX, null, entries, null, null))));
            return null;
        });
    }

    private void prepare() throws IOException {
        Files.createDirectories(layout.unlinked(layout.root().resolve("blobs")));
        Path marker = layout.unlinked(layout.root().resolve(OciLayout.LAYOUT_FILE));
        if (!Files.exists(marker)) {
            writeAtomically(
                    marker, new ByteArrayInputStream(OciLayout.LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void writeAtomically(Path target, InputStream content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
