package dev.gate.pipeline.audit;

import dev.gate.errors.GateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard K/N}: the share of a registry that job K of N audits. A repository belongs to one shard by a hash of its
 * name; a repository with more than {@link #LARGE_REPOSITORY} tags is split by a hash of each tag instead, so one huge
 * repository does not land on a single job. The hash is of the names alone, so every job computes the same split
 * from the same listing, on any machine.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(1, 1);
    static final int LARGE_REPOSITORY = 256;
    private static final Pattern FORM = Pattern.compile("([0-9]{1,4})/([0-9]{1,4})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n >= 1 && k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw GateException.input("--shard " + dev.gate.image.SafeText.quoted(text)
                + ": expected K/N with 1 <= K <= N <= 9999, e.g. 2/4");
    }

    /** Whether this shard reports on {@code repository} as a whole (its listing failing, or all its tags when small). */
    public boolean ownsRepository(String repository) {
        return bucket(repository) == index - 1;
    }

    /** Whether this shard audits {@code tag} of a repository that lists {@code tagCount} image tags. */
    public boolean ownsTag(String repository, String tag, int tagCount) {
        return tagCount > LARGE_REPOSITORY ? bucket(repository + ":" + tag) == index - 1 : ownsRepository(repository);
    }

    private int bucket(String name) {
        if (count == 1) {
            return 0;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(value, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
