package dev.hatchery.registry.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import moa.classifiers.Classifier;
import moa.options.ClassOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * MOA comes without the dependencies its pom declares (see the root pom): these tests show that
 * none of them reached the classpath, and that the learners Hatchery builds run without them.
 * Plain MOA calls, so that a failure here points at the classpath, not at Hatchery's wrapper.
 */
class OnlineClasspathTests {

    /**
     * Jar-name prefixes of the families MOA's pom brings; none may be on the test classpath.
     * commons-io is, in the version Smile brings: only MOA's 2.7 is named.
     */
    private static final List<String> EXCLUDED = List.of("weka-dev", "meka", "mulan", "api-0.9", "model-zoo",
            "pytorch-", "jna-", "jfreechart", "jcommon", "guava", "scala-", "slf4j-log4j12", "log4j-1",
            "maven-", "sizeofag", "jclasslocator", "jshell-scripting", "commons-math3", "opencsv", "ssj-",
            "JMathPlot", "JMathIO", "gson-", "netlib", "jaxb", "flatlaf", "colt-", "commons-cli", "commons-io-2.7.");

    private static List<String> classpathJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> new File(entry).getName()).filter(name -> name.endsWith(".jar")).toList();
    }

    @Test
    void theMoaJarIsOnTheClasspathWithoutAnyOfTheFamiliesItsPomBrings() {
        List<String> jars = classpathJars();

        assertThat(jars).anyMatch(jar -> jar.startsWith("moa-2024.07.0"));
        assertThat(jars).as("jars of excluded families")
                .noneMatch(jar -> EXCLUDED.stream().anyMatch(jar::startsWith));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trees.HoeffdingAdaptiveTree", "meta.AdaptiveRandomForest -s 5",
            "meta.LeveragingBag -s 5"})
    void eachLearnerTrainsPredictsAndSurvivesSerializationWithOnlyTheMoaJar(String cli) throws Exception {
        InstancesHeader header = header(4);
        Classifier learner = (Classifier) ClassOption.cliStringToObject(cli, Classifier.class, null);
        learner.setModelContext(header);
        learner.prepareForUse();
        Random random = new Random(7);
        int correct = 0;
        for (int i = 0; i < 2_000; i++) {
            Instance row = row(header, random);
            double[] votes = learner.getVotesForInstance(row);
            correct += i >= 1_000 && votes.length > 0 && argMax(votes) == (int) row.classValue() ? 1 : 0;
            learner.trainOnInstance(row);
        }
        byte[] bytes = serialize(learner);
        Classifier restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            restored = (Classifier) in.readObject();
        }

        // The concept (x0 + x1 > 1) is easy: a learner that runs at all gets most of the second half right.
        assertThat(correct).as(cli).isGreaterThan(800);
        assertThat(serialize(restored)).as(cli).isEqualTo(bytes);
        Instance probe = row(header, new Random(8));
        assertThat(restored.getVotesForInstance(probe)).isEqualTo(learner.getVotesForInstance(probe));
    }

    private static InstancesHeader header(int features) {
        List<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            attributes.add(new Attribute("x" + j));
        }
        attributes.add(new Attribute("class", List.of("no", "yes")));
        Instances data = new Instances("probe", attributes, 0);
        data.setClassIndex(features);
        return new InstancesHeader(data);
    }

    private static Instance row(InstancesHeader header, Random random) {
        int features = header.numAttributes() - 1;
        double[] values = new double[features + 1];
        for (int j = 0; j < features; j++) {
            values[j] = random.nextDouble();
        }
        values[features] = values[0] + values[1] > 1 ? 1 : 0;
        Instance instance = new DenseInstance(1.0, values);
        instance.setDataset(header);
        return instance;
    }

    private static int argMax(double[] votes) {
        int best = 0;
        for (int i = 1; i < votes.length; i++) {
            best = votes[i] > votes[best] ? i : best;
        }
        return best;
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
