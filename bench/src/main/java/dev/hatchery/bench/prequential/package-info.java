/**
 * The prequential benchmark: real drifting data replayed through the whole running system
 * (scorer, feedback, trainer, swaps) as a stream, each event scored before its label is used,
 * labels arriving a fixed number of events late; the served predictions are scored against
 * the true labels and set beside a static model, periodic retraining and two baselines
 * computed on the same rows.
 */
@NullMarked
package dev.hatchery.bench.prequential;

import org.jspecify.annotations.NullMarked;
