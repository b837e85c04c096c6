package dev.hatchery.registry.online;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels a learner has met, each in the slot of its first appearance, and how often each
 * was learnt. Part of a learner's serialized state: the order of first appearance is the only
 * thing the slots depend on, so replicas fed the same outcomes number their classes alike.
 */
final class ClassSlots implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int capacity;
    /** An ArrayList and an array, not a map: their serialized form depends on nothing but their content. */
    private final ArrayList<String> labels = new ArrayList<>();
    private long[] counts = new long[0];
    private transient Map<String, Integer> slots = new HashMap<>();
    private transient List<String> view = List.of();

    ClassSlots(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return labels.size();
    }

    /** The labels by slot; an immutable snapshot, replaced (not changed) when a class arrives. */
    List<String> labels() {
        return view;
    }

    String label(int slot) {
        return labels.get(slot);
    }

    long count(int slot) {
        return counts[slot];
    }

    /** The slot of a known label, or -1. */
    int slotOf(String label) {
        Integer slot = slots.get(label);
        return slot == null ? -1 : slot;
    }

    /**
     * @throws IllegalArgumentException if the label is blank, or new when every slot is taken;
     *                                  then nothing has changed
     */
    void check(String label) {
        if (label.isBlank()) {
            throw new IllegalArgumentException("an outcome's label is blank");
        }
        if (slotOf(label) < 0 && labels.size() == capacity) {
            throw new IllegalArgumentException("label '" + label + "' would be class " + (capacity + 1)
                    + ", but the learner holds at most " + capacity + " (" + labels
                    + "): define the model with a larger maxClasses");
        }
    }

    /** Counts one outcome of a checked label, giving it the next slot if new; returns its slot. */
    int learn(String label) {
        int slot = slotOf(label);
        if (slot < 0) {
            slot = labels.size();
            labels.add(label);
            counts = Arrays.copyOf(counts, slot + 1);
            derive();
        }
        counts[slot]++;
        return slot;
    }

    /** The slot learnt most often, the earliest on ties; -1 if none. */
    int mostFrequent() {
        int best = -1;
        for (int slot = 0; slot < counts.length; slot++) {
            best = best < 0 || counts[slot] > counts[best] ? slot : best;
        }
        return best;
    }

    private void derive() {
        slots = new HashMap<>();
        for (int slot = 0; slot < labels.size(); slot++) {
            slots.put(labels.get(slot), slot);
        }
        view = List.copyOf(labels);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (labels.size() > capacity || counts.length != labels.size()) {
            throw new InvalidObjectException("corrupt classes: " + labels.size() + " labels, " + counts.length
                    + " counts, capacity " + capacity);
        }
        derive();
        if (slots.size() != labels.size()) {
            throw new InvalidObjectException("corrupt classes: a label appears twice in " + labels);
        }
    }
}
