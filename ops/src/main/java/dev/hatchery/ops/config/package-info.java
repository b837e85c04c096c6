/**
 * Hatchery's configuration file: YAML whose every key has a working default. Loading reports
 * every problem at once, naming the key, the value and what is allowed.
 */
@NullMarked
package dev.hatchery.ops.config;

import org.jspecify.annotations.NullMarked;
