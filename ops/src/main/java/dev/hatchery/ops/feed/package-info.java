/**
 * Feeding labelled rows into a running cluster the way a live system would: each row an event,
 * its label some rows later, at a steady rate. Shared by the demo and the operator's replay.
 */
@NullMarked
package dev.hatchery.ops.feed;

import org.jspecify.annotations.NullMarked;
