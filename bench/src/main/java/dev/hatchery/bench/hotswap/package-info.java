/**
 * The hot-swap benchmark: scoring speed against a plain loop, publish-to-serving latency on one
 * and three member processes, the scoring gap of a swap against a job restart, and the counts
 * of a thousand swaps at full load through a member's death.
 */
@NullMarked
package dev.hatchery.bench.hotswap;

import org.jspecify.annotations.NullMarked;
