package dev.hatchery.scorer.online;

import dev.hatchery.registry.ModelCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A replica's state at a log sequence: what a replica on another member, or a later one here,
 * starts from to go on exactly as this one does. The learner's bytes alone do not suffice: the
 * deduplication of the next entries looks back over the ones before {@code sequence}, so their
 * event ids come along. (A replica can instead read them from the log, {@link
 * Replica#fromBytes}, while the log still holds them.)
 *
 * @param model          the model whose outcome log this is a position in
 * @param sequence       the next entry to apply: every entry before it has been applied or skipped
 * @param learner        the learner's {@link dev.hatchery.registry.online.OnlineLearner#toBytes bytes}
 * @param dedupWindow    how many entries the deduplication looks back over
 * @param recentEventIds the event ids of the entries before {@code sequence}, the oldest first:
 *                       {@code min(sequence, dedupWindow)} of them
 */
public record ReplicaSnapshot(String model, long sequence, byte[] learner, int dedupWindow, List<String> recentEventIds) {

    /** "HCKP", then the format's version. */
    private static final int MAGIC = 0x48434b50;
    private static final int FORMAT = 1;

    public ReplicaSnapshot {
        recentEventIds = List.copyOf(recentEventIds);
        List<String> problems = new ArrayList<>();
        if (model.isBlank()) {
            problems.add("the model is blank");
        }
        if (sequence < 0) {
            problems.add("sequence " + sequence + " is negative");
        }
        if (dedupWindow < 0) {
            problems.add("dedupWindow " + dedupWindow + " is negative");
        }
        if (learner.length == 0) {
            problems.add("the learner's bytes are empty");
        }
        long expected = Math.min(Math.max(sequence, 0), Math.max(dedupWindow, 0));
        if (recentEventIds.size() != expected) {
            problems.add(recentEventIds.size() + " recent event ids, where a window of " + dedupWindow
                    + " at sequence " + sequence + " has " + expected);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("checkpoint of '" + model + "': " + String.join("; ", problems));
        }
    }

    /** The checkpoint as bytes, for storing; {@link #fromBytes} reads them back. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(learner.length + 32 * recentEventIds.size() + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, model);
            out.writeLong(sequence);
            out.writeInt(dedupWindow);
            out.writeInt(recentEventIds.size());
            for (String id : recentEventIds) {
                writeString(out, id);
            }
            out.writeInt(learner.length);
            out.write(learner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are no checkpoint, or a truncated one */
    public static ReplicaSnapshot fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = in.readInt();
            int format = in.readInt();
            if (magic != MAGIC || format != FORMAT) {
                throw new IllegalArgumentException("not a replica checkpoint of format " + FORMAT + " (starts "
                        + Integer.toHexString(magic) + ", format " + format + ")");
            }
            String model = readString(in);
            long sequence = in.readLong();
            int window = in.readInt();
            int ids = in.readInt();
            if (ids < 0 || ids > bytes.length) {
                throw new IllegalArgumentException("corrupt replica checkpoint: " + ids + " recent event ids");
            }
            List<String> recent = new ArrayList<>(ids);
            for (int i = 0; i < ids; i++) {
                recent.add(readString(in));
            }
            int length = in.readInt();
            if (length < 0 || length > bytes.length) {
                throw new IllegalArgumentException("corrupt replica checkpoint: a learner of " + length + " bytes");
            }
            byte[] learner = in.readNBytes(length);
            if (learner.length != length || in.read() != -1) {
                throw new IllegalArgumentException("corrupt replica checkpoint: the learner's bytes are "
                        + (learner.length != length ? "cut short" : "followed by others"));
            }
            return new ReplicaSnapshot(model, sequence, learner, window, recent);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt replica checkpoint: " + e, e);
        }
    }

    /** The SHA-256 of the learner's bytes: the replica's {@link Fingerprint} at this sequence. */
    public String learnerSha256() {
        return ModelCodec.sha256(learner);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a string of " + length + " bytes, with " + in.available() + " left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplicaSnapshot that && model.equals(that.model) && sequence == that.sequence
                && Arrays.equals(learner, that.learner) && dedupWindow == that.dedupWindow
                && recentEventIds.equals(that.recentEventIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * model.hashCode() + Long.hashCode(sequence)) + Arrays.hashCode(learner);
    }

    @Override
    public String toString() {
        return "ReplicaSnapshot[" + model + " at sequence " + sequence + ", learner " + learner.length + " bytes, window "
                + dedupWindow + " (" + recentEventIds.size() + " ids)]";
    }
}
