/**
 * The MLflow mirror: every training run, registered version and move of the serving pointer is
 * written to an outbox map in Hazelcast first, and one member at a time pushes the outbox to an
 * MLflow tracking server in order, with retries, so MLflow never blocks training, publishing or
 * rollback. Moving MLflow's alias {@code champion} by hand publishes that version in Hatchery.
 * {@link dev.hatchery.registry.mlflow.MlflowMirror} starts it and reports its state.
 */
@NullMarked
package dev.hatchery.registry.mlflow;

import org.jspecify.annotations.NullMarked;
