package dev.hatchery.registry.online;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import moa.classifiers.Classifier;

/**
 * One of MOA's learners. MOA fixes a learner's classes with its header ({@code setModelContext}
 * refuses another number of classes once training has started), so the header declares
 * {@link LearnerSpec#maxClasses()} class slots from the start and a label takes the next free
 * slot when it first comes. A slot no outcome has named gets no votes: the trees keep counts per
 * class seen, not per class declared.
 */
final class MoaLearner implements OnlineLearner, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final LearnerSpec spec;
    private final int features;
    private final ClassSlots classes;
    /** The header the classifier was prepared with; every row is built on it. */
    private final InstancesHeader header;
    private final Classifier classifier;
    private long revision;

    MoaLearner(LearnerSpec spec, int features) {
        this.spec = spec;
        this.features = features;
        this.classes = new ClassSlots(spec.maxClasses());
        this.header = header(features, spec.maxClasses());
        this.classifier = spec.moaClassifier();
        classifier.setModelContext(header);
        classifier.prepareForUse();
    }

    /** Numeric features {@code x0 … x(n-1)} and a nominal class of {@code slots} values, last. */
    static InstancesHeader header(int features, int slots) {
        List<Attribute> attributes = new ArrayList<>(features + 1);
        for (int j = 0; j < features; j++) {
            attributes.add(new Attribute("x" + j));
        }
        List<String> values = new ArrayList<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            values.add("slot" + slot);
        }
        attributes.add(new Attribute("class", values));
        Instances data = new Instances("hatchery", attributes, 0);
        data.setClassIndex(features);
        return new InstancesHeader(data);
    }

    /** A row on the header; a negative slot leaves the class missing, for predicting. */
    static Instance instance(InstancesHeader header, double[] row, int slot) {
        double[] values = new double[row.length + 1];
        System.arraycopy(row, 0, values, 0, row.length);
        values[row.length] = slot < 0 ? Double.NaN : slot;
        Instance instance = new DenseInstance(1.0, values);
        instance.setDataset(header);
        return instance;
    }

    @Override
    public LearnerSpec spec() {
        return spec;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public List<String> classes() {
        return classes.labels();
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public void learn(double[] row, String label) {
        Rows.check(row, features);
        classes.check(label);
        int slot = classes.learn(label);
        classifier.trainOnInstance(instance(header, row, slot));
        revision++;
    }

    @Override
    public OnlinePrediction predict(double[] row) {
        Rows.check(row, features);
        int known = classes.size();
        if (known == 0) {
            return OnlinePrediction.NOT_YET;
        }
        double[] votes = classifier.getVotesForInstance(instance(header, row, -1));
        double[] posterior = new double[known];
        double sum = 0;
        // MOA's votes are unnormalised and as long as the highest slot voted for.
        for (int slot = 0; slot < Math.min(known, votes.length); slot++) {
            posterior[slot] = votes[slot] > 0 ? votes[slot] : 0;
            sum += posterior[slot];
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            sum = 0;
            for (int slot = 0; slot < known; slot++) {
                posterior[slot] = classes.count(slot);
                sum += posterior[slot];
            }
        }
        int best = 0;
        for (int slot = 0; slot < known; slot++) {
            posterior[slot] /= sum;
            best = posterior[slot] > posterior[best] ? slot : best;
        }
        return new OnlinePrediction.Predicted(classes.label(best), posterior[best], classes.labels(), posterior);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (revision < 0 || features < 1 || header.numClasses() != spec.maxClasses()
                || header.numAttributes() != features + 1) {
            throw new InvalidObjectException("corrupt " + spec.text() + " learner: revision " + revision + ", "
                    + features + " features, header of " + header.numAttributes() + " attributes");
        }
    }
}
