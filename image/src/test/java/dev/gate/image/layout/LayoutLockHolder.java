package dev.gate.image.layout;

import java.nio.file.Path;

/** Takes a layout's lock, says so, and keeps it until killed or {@code args[1]} milliseconds have passed. */
public final class LayoutLockHolder {

    private LayoutLockHolder() {}

    public static void main(String[] args) throws Exception {
        LayoutLock.holding(Path.of(args[0]), () -> {
            System.out.println("locked");
            System.out.flush();
            try {
                Thread.sleep(Long.parseLong(args[1]));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }
}
