/**
 * Benchmarks, run by {@code bench/run NAME [--json FILE]} and never by the tests. Each prints
 * figures measured side by side in one run, and can write them as JSON for BENCHMARKS.md.
 */
@NullMarked
package dev.hatchery.bench;

import org.jspecify.annotations.NullMarked;
