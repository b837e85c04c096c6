package dev.hatchery.feedback;

import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Prediction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a judged pair into an outcome, checking the label's word against the classes of the
 * version that predicted, and tells the watch what accuracy that version promised. Looks versions up in the registry (blocking, so its stage is
 * non-cooperative) and caches them: versions never change once registered.
 */
final class ClassCatalog {

    private final ModelRegistry registry;
    private final Map<String, ModelVersion> versions = new ConcurrentHashMap<>();

    ClassCatalog(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * An {@link Outcome} and its {@link QualityPoint}, or a {@link DeadLetter} if the label names
     * no class of the model.
     */
    Verdict outcomeOf(Judged judged, long nowMillis) {
        Prediction prediction = judged.prediction();
        Label label = judged.label();
        List<String> classes = version(prediction.model(), prediction.version()).classes();
        int trueClass = classes.indexOf(label.label());
        if (trueClass < 0) {
            return new Verdict.Refusal(DeadLetter.ofLabel(label.eventId(), label.model(),
                    "label '" + label.label() + "' of event " + label.eventId() + " is not a class of model '"
                            + prediction.model() + "' v" + prediction.version() + "; classes are " + classes,
                    label.toString(), nowMillis));
        }
        Outcome outcome = new Outcome(prediction.eventId(), prediction.model(), prediction.version(),
                prediction.epoch(), prediction.features(), trueClass, label.label(), prediction.predictedClass(),
                prediction.predictedLabel(), prediction.eventTimeMillis(), label.timeMillis());
        return new Verdict.Judgement(outcome, new QualityPoint(prediction.model(), prediction.version(),
                prediction.eventTimeMillis(), true, trueClass, prediction.predictedClass(),
                trueProbability(prediction, trueClass, classes.size()), classes.toArray(String[]::new)));
    }

    /**
     * The probability the prediction gave the true class. A prediction written before Hatchery
     * kept the whole posterior has the winning class's only: for more than two classes, a miss
     * of such a prediction leaves it unknown (NaN).
     */
    static double trueProbability(Prediction prediction, int trueClass, int classes) {
        if (prediction.probabilities().length == classes) {
            return prediction.probabilities()[trueClass];
        }
        if (prediction.predictedClass() == trueClass) {
            return prediction.probability();
        }
        return classes == 2 ? 1 - prediction.probability() : Double.NaN;
    }

    /** The outcome with the holdout accuracy its version was registered with: what it promised. */
    Watched watched(Outcome outcome) {
        return new Watched(outcome, version(outcome.model(), outcome.version()).holdoutAccuracy());
    }

    private ModelVersion version(String model, int version) {
        return versions.computeIfAbsent(model + "/v" + version, key -> registry.version(model, version)
                .orElseThrow(() -> new IllegalStateException("prediction names " + key + ", which is not registered")));
    }
}
