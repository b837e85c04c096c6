/**
 * The {@code hatchery} command line: start a member ({@code node}) or run the demo
 * ({@code demo}).
 */
@NullMarked
package dev.hatchery.ops;

import org.jspecify.annotations.NullMarked;
