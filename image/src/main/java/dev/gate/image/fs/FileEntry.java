package dev.gate.image.fs;

/**
 * One path of the squashed filesystem as the topmost layer that wrote it left it.
 *
 * @param path       absolute, normalised path inside the image root ("/usr/bin/env")
 * @param type       what the tar header said
 * @param size       bytes the tar entry carried (0 for non-regular files)
 * @param mode       unix permission bits
 * @param linkTarget symlink target as written, or the hard link's normalised target path
 * @param layer      digest of the layer the entry came from
 * @param content    captured bytes when a {@link ContentCapture} asked for them, else null
 */
public record FileEntry(String path, Type type, long size, int mode, String linkTarget, String layer, byte[] content) {

    public enum Type {
        FILE,
        DIR,
        SYMLINK,
        HARDLINK,
        OTHER
    }

    public boolean isRegular() {
        return type == Type.FILE;
    }

    public boolean isExecutable() {
        return (mode & 0111) != 0;
    }

    /** The last path element: "env" for "/usr/bin/env". */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    FileEntry withContent(byte[] bytes) {
        return new FileEntry(path, type, size, mode, linkTarget, layer, bytes);
    }
}
