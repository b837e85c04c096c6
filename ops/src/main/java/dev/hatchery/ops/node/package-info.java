/**
 * A Hatchery member: an embedded Hazelcast member configured with every module's maps, the
 * scoring and feedback jobs, the model holder and the trainer's schedule.
 */
@NullMarked
package dev.hatchery.ops.node;

import org.jspecify.annotations.NullMarked;
