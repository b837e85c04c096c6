package dev.hatchery.registry.online;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import moa.classifiers.Classifier;
import moa.classifiers.meta.AdaptiveRandomForest;
import moa.options.ClassOption;

/**
 * Which online learner to build: its kind, MOA's options for it, the seed of its randomness,
 * and how many classes it can hold. Every instance is valid: the constructor builds a MOA
 * learner from the options, trains it on a few rows and refuses it unless it survives Java
 * serialization unchanged, since a learner that cannot be checkpointed cannot be replicated.
 *
 * <p>As text ({@link #parse}, {@link #text}): a kind's short name ({@code hat}, {@code arf},
 * {@code levbag}, {@code lr}) or {@code moa:} and MOA's command line for one of its three
 * classifiers, e.g. {@code moa:meta.LeveragingBag -s 10}. The seed and the class capacity are
 * kept apart from the text, as configuration keys of their own.
 *
 * @param kind       the learner
 * @param options    MOA's options for it, without the class name; empty for MOA's defaults and
 *                   always for {@link LearnerKind#LOGISTIC_REGRESSION}
 * @param seed       the seed of MOA's randomness (MOA's {@code -r}, which the options must not set)
 * @param maxClasses how many distinct labels the learner can take; MOA's learners need their
 *                   classes declared up front, so this many slots are declared and labels take
 *                   them in order of first appearance
 */
public record LearnerSpec(LearnerKind kind, String options, int seed, int maxClasses) implements Serializable {

    public static final int DEFAULT_SEED = 1;
    /** Enough for the public drift sets (up to 40 classes); each slot costs the ensembles a few operations per outcome. */
    public static final int DEFAULT_MAX_CLASSES = 64;
    private static final int LIMIT_MAX_CLASSES = 10_000;
    private static final String MOA_PREFIX = "moa:";
    private static final String MOA_PACKAGE = "moa.classifiers.";
    /**
     * MOA command lines that passed {@link #checkMoa}: the check builds and trains the learner
     * (an ARF of 100 trees: 0.4 s), and a record's constructor runs again for every copy and
     * every deserialized learner.
     */
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    public LearnerSpec {
        options = String.join(" ", options.strip().split("\\s+")).strip();
        List<String> problems = new ArrayList<>();
        if (maxClasses < 2 || maxClasses > LIMIT_MAX_CLASSES) {
            problems.add("maxClasses " + maxClasses + " is not between 2 and " + LIMIT_MAX_CLASSES);
        }
        if (!kind.isMoa() && !options.isEmpty()) {
            problems.add("lr takes no options, got '" + options + "'");
        }
        if (Arrays.asList(options.split(" ")).contains("-r")) {
            problems.add("options '" + options + "' set MOA's seed with -r: give it as the seed instead");
        }
        if (problems.isEmpty() && kind.isMoa() && !CHECKED.contains(kind.moaClass() + " " + options)) {
            checkMoa(kind.moaClass(), options, seed, problems);
            if (problems.isEmpty()) {
                CHECKED.add(kind.moaClass() + " " + options);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("learner '" + textOf(kind, options) + "': " + String.join("; ", problems));
        }
    }

    /** The learner a text names, with the default seed and class capacity. */
    public static LearnerSpec parse(String text) {
        String stripped = text.strip();
        if (!stripped.startsWith(MOA_PREFIX)) {
            int space = stripped.indexOf(' ');
            String id = space < 0 ? stripped : stripped.substring(0, space);
            String options = space < 0 ? "" : stripped.substring(space + 1);
            for (LearnerKind kind : LearnerKind.values()) {
                if (kind.id().equals(id)) {
                    return new LearnerSpec(kind, options, DEFAULT_SEED, DEFAULT_MAX_CLASSES);
                }
            }
            throw new IllegalArgumentException("unknown learner '" + text + "': use one of " + shortNames()
                    + ", or moa: and one of " + moaNames() + " with its options, e.g. 'moa:meta.LeveragingBag -s 10'");
        }
        String cli = stripped.substring(MOA_PREFIX.length()).strip();
        int space = cli.indexOf(' ');
        String name = space < 0 ? cli : cli.substring(0, space);
        String options = space < 0 ? "" : cli.substring(space + 1);
        String relative = name.startsWith(MOA_PACKAGE) ? name.substring(MOA_PACKAGE.length()) : name;
        for (LearnerKind kind : LearnerKind.values()) {
            if (relative.equals(kind.moaClass())) {
                return new LearnerSpec(kind, options, DEFAULT_SEED, DEFAULT_MAX_CLASSES);
            }
        }
        // Say why another MOA learner cannot be replicated when that is the reason (e.g. SRP).
        List<String> problems = new ArrayList<>();
        checkMoa(relative, options, DEFAULT_SEED, problems);
        throw new IllegalArgumentException("learner '" + text + "': "
                + (problems.isEmpty() ? "" : String.join("; ", problems) + "; ")
                + "Hatchery replicates " + moaNames() + " (or " + shortNames() + ")");
    }

    /** The text {@link #parse} reads back into this spec, up to seed and class capacity. */
    public String text() {
        return textOf(kind, options);
    }

    public LearnerSpec withSeed(int seed) {
        return new LearnerSpec(kind, options, seed, maxClasses);
    }

    public LearnerSpec withMaxClasses(int maxClasses) {
        return new LearnerSpec(kind, options, seed, maxClasses);
    }

    @Override
    public String toString() {
        return text() + " (seed " + seed + ", at most " + maxClasses + " classes)";
    }

    private static String textOf(LearnerKind kind, String options) {
        return options.isEmpty() ? kind.id() : MOA_PREFIX + kind.moaClass() + " " + options;
    }

    /** A fresh MOA learner for this spec, not yet given its data header. */
    Classifier moaClassifier() {
        try {
            Classifier classifier = (Classifier) ClassOption.cliStringToObject(
                    (kind.moaClass() + " " + options).strip(), Classifier.class, null);
            classifier.setRandomSeed(seed);
            return classifier;
        } catch (Exception e) {
            throw new IllegalStateException("learner '" + text() + "' was checked, yet MOA refuses it now: " + e, e);
        }
    }

    /**
     * Adds to problems why MOA's classifier {@code name} with these options cannot be replicated:
     * MOA refuses the options, or the learner does not survive Java serialization unchanged
     * after training on a few rows.
     */
    private static void checkMoa(String name, String options, int seed, List<String> problems) {
        Classifier classifier;
        try {
            classifier = (Classifier) ClassOption.cliStringToObject((name + " " + options).strip(), Classifier.class, null);
        } catch (Exception e) {
            problems.add("MOA refuses it: " + e.getMessage());
            return;
        }
        // Checked before any training: with more than one job, ARF starts threads that nothing stops.
        // (-1 means one thread per core; 0 and 1 train on the caller's thread.)
        if (classifier instanceof AdaptiveRandomForest forest
                && (forest.numberOfJobsOption.getValue() > 1 || forest.numberOfJobsOption.getValue() < 0)) {
            problems.add("-j " + forest.numberOfJobsOption.getValue()
                    + " trains on a thread pool, which cannot be serialized: use -j 1 (the default)");
            return;
        }
        classifier.setRandomSeed(seed);
        InstancesHeader header = MoaLearner.header(2, 2);
        classifier.setModelContext(header);
        classifier.prepareForUse();
        Random random = new Random(seed);
        try {
            for (int i = 0; i < 50; i++) {
                double x = random.nextDouble();
                classifier.trainOnInstance(MoaLearner.instance(header, new double[] {x, random.nextDouble()}, x > 0.5 ? 1 : 0));
            }
            byte[] bytes = serialize(classifier);
            Object restored;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                restored = in.readObject();
            }
            if (!Arrays.equals(serialize(restored), bytes)) {
                problems.add("it does not serialize to the same bytes after a round trip, so replicas could not be compared");
            }
        } catch (IOException | ClassNotFoundException e) {
            problems.add("it does not survive Java serialization (" + e
                    + "), so it could not be checkpointed and replicated");
        } catch (RuntimeException e) {
            problems.add("it fails to learn two numeric features and two classes: " + e);
        }
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static List<String> shortNames() {
        return Arrays.stream(LearnerKind.values()).map(LearnerKind::id).toList();
    }

    private static List<String> moaNames() {
        return Arrays.stream(LearnerKind.values()).filter(LearnerKind::isMoa).map(LearnerKind::moaClass).toList();
    }
}
