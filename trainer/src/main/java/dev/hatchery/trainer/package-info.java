/**
 * Retraining: a Quartz schedule on every member asks, for each deployed model, whether a
 * run is due (a drift signal, accuracy below a floor, enough new outcomes, or an operator's
 * request); one member at a time runs it under a cluster-wide lease. A run trains a Smile
 * model on a window of recent outcomes, compares it with the serving version on the most
 * recent slice that neither trained on, and registers and publishes it only if it wins.
 */
@NullMarked
package dev.hatchery.trainer;

import org.jspecify.annotations.NullMarked;
