package dev.gate.scan.osv;

/** An OSV record that does not follow the schema closely enough to be matched. */
public final class MalformedRecordException extends Exception {

    public MalformedRecordException(String message) {
        super(message);
    }
}
