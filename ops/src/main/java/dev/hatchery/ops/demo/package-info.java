/**
 * The demo: the whole loop on one embedded member, on a drifting stream, with a timeline a
 * person can follow and a summary that counts what matters (lost, duplicated, recovered).
 */
@NullMarked
package dev.hatchery.ops.demo;

import org.jspecify.annotations.NullMarked;
