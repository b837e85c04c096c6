package dev.hatchery.registry.online;

import org.jspecify.annotations.Nullable;

/** The online learners Hatchery replicates: three of MOA's, and Smile's logistic regression trained by SGD. */
public enum LearnerKind {
    /** MOA's {@code trees.HoeffdingAdaptiveTree}: one tree, the cheapest (ELEC2, one label late: 83 %). */
    HOEFFDING_ADAPTIVE_TREE("hat", "trees.HoeffdingAdaptiveTree"),
    /** MOA's {@code meta.AdaptiveRandomForest}; {@code -s} trees (MOA's default 100; ELEC2 with 10: 89 %). */
    ADAPTIVE_RANDOM_FOREST("arf", "meta.AdaptiveRandomForest"),
    /** MOA's {@code meta.LeveragingBag} of Hoeffding trees (ELEC2: 90 %). */
    LEVERAGING_BAGGING("levbag", "meta.LeveragingBag"),
    /**
     * Smile's {@code LogisticRegression} updated by one SGD step per outcome (learning rate 0.1,
     * no shrinkage) on features standardised by their running mean and deviation (ELEC2: 90 %).
     */
    LOGISTIC_REGRESSION("lr", null);

    private final String id;
    private final @Nullable String moaClass;

    LearnerKind(String id, @Nullable String moaClass) {
        this.id = id;
        this.moaClass = moaClass;
    }

    /** The short name in a learner text, e.g. {@code hat}. */
    public String id() {
        return id;
    }

    /** The MOA classifier's name below {@code moa.classifiers}, e.g. {@code meta.LeveragingBag}; null for Smile's. */
    public @Nullable String moaClass() {
        return moaClass;
    }

    public boolean isMoa() {
        return moaClass != null;
    }
}
