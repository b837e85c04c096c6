/**
 * Data drift, the warning that needs no labels: per feature, how far a window of recently scored
 * feature rows has moved from the rows a model version was trained on. A {@link
 * dev.hatchery.feedback.datadrift.FeatureReference} is taken once at training time and kept with the
 * version; a {@link dev.hatchery.feedback.datadrift.DataDriftCheck} then compares recent rows, held
 * in a {@link dev.hatchery.feedback.datadrift.RecentFeatures} buffer, against it with the population
 * stability index ({@link dev.hatchery.feedback.datadrift.Psi}) and the two-sample
 * Kolmogorov-Smirnov test ({@link dev.hatchery.feedback.datadrift.KolmogorovSmirnov}). Everything
 * here is plain Java with no Hazelcast types, so it can be tested and reused outside a Jet job.
 */
@NullMarked
package dev.hatchery.feedback.datadrift;

import org.jspecify.annotations.NullMarked;
