package dev.gate.cli.push;

import dev.gate.image.Descriptor;
import dev.gate.image.transport.PushListener;
import java.io.PrintWriter;

/** One plain line per blob, like {@code docker push} prints when its output is not a terminal. */
final class ProgressPrinter implements PushListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void blobFinished(Descriptor blob, Outcome outcome) {
        String what = switch (outcome) {
            case UPLOADED -> "Pushed";
            case SKIPPED_EXISTING -> "Layer already exists";
            case MOUNTED -> "Mounted";
        };
        out.println(blob.digest().hex().substring(0, 12) + ": " + what + " (" + blob.size() + " bytes)");
        out.flush();
    }
}
