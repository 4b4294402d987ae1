package dev.gate.image.registry;

/**
 * Ends the selector threads of {@code java.net.http} clients when a process is done with them.
 *
 * <p>Each {@code HttpClient} keeps a daemon thread waiting in {@code epoll_wait}, that is in native code,
 * and on exit the JVM waits about 300 ms for threads in native code to come back before it gives up on
 * them: a third of a second added to every command that spoke HTTP. JDK 17's client has no
 * {@code close()}; its selector loop ends when its thread is interrupted, which is what this does.
 */
public final class HttpSelectorThreads {

    private static final String NAME_SUFFIX = "-SelectorManager";

    private HttpSelectorThreads() {}

    /** Interrupts every HTTP client's selector thread and waits briefly for each to end; call only at exit. */
    public static void stop() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isDaemon()
                    && thread.getName().startsWith("HttpClient-")
                    && thread.getName().endsWith(NAME_SUFFIX)) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
