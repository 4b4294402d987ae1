package dev.gate.image;

/** Makes a temporary folder, says where, and waits to be stopped: a run that a CI job cancels. */
public final class TempFolderHolder {

    private TempFolderHolder() {}

    public static void main(String[] args) throws Exception {
        TempFiles.Folder folder = TempFiles.folder("gate-held-");
        java.nio.file.Files.writeString(folder.path().resolve("blob"), "spooled");
        System.out.println(folder.path());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
