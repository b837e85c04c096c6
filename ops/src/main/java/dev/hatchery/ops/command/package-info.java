/**
 * The operator's commands ({@code status}, {@code history}, {@code rollback}, {@code promote},
 * {@code pin}, {@code unpin}, {@code retrain}, {@code schedule}, {@code replay}, {@code sql},
 * {@code chart}, {@code audit}): each connects to a running cluster as a Hazelcast client, reads or changes it
 * through the modules' APIs, and exits with an {@link dev.hatchery.ops.command.ExitCode}. A bad
 * command prints one line saying what is wrong and what to do, and changes nothing; every command
 * that changes something records an audit entry, refusals included.
 */
@NullMarked
package dev.hatchery.ops.command;

import org.jspecify.annotations.NullMarked;
