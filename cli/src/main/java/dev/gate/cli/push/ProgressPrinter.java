package dev.gate.cli.push;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.transport.PushListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Push progress as {@code docker push} shows it: on a terminal one live line per layer with a bar,
 * redrawn in place; otherwise one plain line per finished layer, so CI logs stay readable.
 */
final class ProgressPrinter implements PushListener {

    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final Map<Digest, Row> rows = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    /** Live bars only when standard input and output are both a terminal. */
    ProgressPrinter(PrintWriter out) {
        this(out, System.console() != null);
    }

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    private static final class Row {
        final Descriptor blob;
        String state = "Preparing";
        long done;
        boolean finished;

        Row(Descriptor blob) {
            this.blob = blob;
        }
    }

    @Override
    public synchronized void blobStarted(Descriptor blob) {
        if (terminal) {
            row(blob).state = "Pushing";
            draw(true);
        }
    }

    @Override
    public synchronized void blobProgress(Descriptor blob, long bytesDone) {
        if (terminal) {
            row(blob).done = bytesDone;
            draw(false);
        }
    }

    @Override
    public synchronized void blobFinished(Descriptor blob, Outcome outcome) {
        String what = switch (outcome) {
            case UPLOADED -> "Pushed";
            case SKIPPED_EXISTING -> "Layer already exists";
            case MOUNTED -> "Mounted from another repository";
        };
        if (!terminal) {
            out.println(shortDigest(blob) + ": " + what + " (" + blob.size() + " bytes)");
            out.flush();
            return;
        }
        Row row = row(blob);
        row.state = what;
        row.finished = true;
        draw(true);
    }

    private Row row(Descriptor blob) {
        return rows.computeIfAbsent(blob.digest(), d -> new Row(blob));
    }

    /** Moves the cursor back over the lines drawn last time and rewrites every row. */
    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        StringBuilder screen = new StringBuilder();
        if (drawn > 0) {
            screen.append("\u001b[").append(drawn).append('A');
        }
        for (Row row : rows.values()) {
            screen.append("\r\u001b[2K").append(line(row)).append('\n');
        }
        drawn = rows.size();
        out.print(screen);
        out.flush();
    }

    static String line(Row row) {
        String head = shortDigest(row.blob) + ": " + row.state;
        if (row.finished || row.state.equals("Preparing")) {
            return head;
        }
        long size = Math.max(1, row.blob.size());
        int filled = (int) Math.min(BAR, row.done * BAR / size);
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        return String.format(Locale.ROOT, "%-30s [%s] %s/%s", head, bar, human(row.done), human(row.blob.size()));
    }

    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String units = "kMGT";
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length() - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%sB", value, units.charAt(unit));
    }

    private static String shortDigest(Descriptor blob) {
        return blob.digest().hex().substring(0, 12);
    }
}
