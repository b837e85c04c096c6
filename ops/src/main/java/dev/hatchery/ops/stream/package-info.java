/**
 * Labelled streams for the demo, tests and benchmarks: the classic drift generators (SEA,
 * Agrawal, rotating hyperplane, STAGGER, RandomRBF with drift) written from their published
 * definitions so that they reproduce MOA's output bit for bit, MOA's way of placing drifts,
 * and replay of CSV files.
 */
@NullMarked
package dev.hatchery.ops.stream;

import org.jspecify.annotations.NullMarked;
