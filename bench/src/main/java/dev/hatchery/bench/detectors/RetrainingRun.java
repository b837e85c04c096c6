package dev.hatchery.bench.detectors;

import dev.hatchery.feedback.drift.DetectorState;
import dev.hatchery.feedback.drift.DriftDetector;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.trainer.FitOptions;
import dev.hatchery.trainer.ModelFit;
import dev.hatchery.trainer.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A model that serves a stream and is retrained after each detection, as Hatchery does:
 * trained on the first {@code trainingRows} rows; each later row is predicted and its error
 * (true if wrong) fed to the detector. At a detection the detector is reset and paused; the
 * old model keeps predicting while the next {@code trainingRows} rows are collected, then a
 * model trained on them serves and the detector watches its errors from scratch.
 */
final class RetrainingRun {

    /** A small random forest (Smile 6.3.0, through Hatchery's own fit): 10 trees of depth 10. */
    static final FitOptions MODEL = new FitOptions(10, 10, 200, 5, FitOptions.DEFAULTS.shrinkage(),
            FitOptions.DEFAULTS.lambda(), 1, 1);

    private final BenchStream stream;
    private final int trainingRows;
    private final boolean[] firstModelErrors;

    /** Trains the first model and predicts the whole stream with it, once for every detector. */
    RetrainingRun(BenchStream stream, int trainingRows) {
        this.stream = stream;
        this.trainingRows = trainingRows;
        TrainedModel first = fit(0);
        this.firstModelErrors = new boolean[stream.y().length];
        for (int i = trainingRows; i < firstModelErrors.length; i++) {
            firstModelErrors[i] = wrong(first, i);
        }
    }

    /** The first model's error rate over the rows after its training rows. */
    double firstModelErrorRate() {
        int errors = 0;
        for (int i = trainingRows; i < firstModelErrors.length; i++) {
            errors += firstModelErrors[i] ? 1 : 0;
        }
        return (double) errors / (firstModelErrors.length - trainingRows);
    }

    /** The row numbers (1-based) at which {@code detector} signalled a drift, ascending. */
    List<Long> detections(DriftDetector detector) {
        detector.reset();
        List<Long> detections = new ArrayList<>();
        @Nullable TrainedModel model = null; // null: the first model, whose errors are known
        int collectFrom = -1;      // the first row of the retraining data while collecting, else -1
        int rows = stream.y().length;
        for (int i = trainingRows; i < rows; i++) {
            boolean error = model == null ? firstModelErrors[i] : wrong(model, i);
            if (collectFrom >= 0) {
                if (i - collectFrom + 1 == trainingRows) {
                    model = fit(collectFrom);
                    collectFrom = -1;
                    detector.reset();
                }
            } else if (detector.update(error) == DetectorState.DRIFT) {
                detections.add(i + 1L);
                detector.reset();
                collectFrom = i + 1;
            }
        }
        return detections;
    }

    private boolean wrong(TrainedModel model, int row) {
        return model.predict(stream.x()[row]).index() != stream.y()[row];
    }

    private TrainedModel fit(int from) {
        TrainingData data = new TrainingData(stream.features(), stream.classes(),
                Arrays.copyOfRange(stream.x(), from, from + trainingRows),
                Arrays.copyOfRange(stream.y(), from, from + trainingRows));
        return ModelFit.fit(data, Algorithm.RANDOM_FOREST, MODEL);
    }
}
