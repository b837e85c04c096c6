/**
 * The model registry: every version of every model — a batch fit of a Smile model or a
 * checkpoint of an online learner with its place in the model's outcome log
 * ({@link dev.hatchery.registry.Lineage}) — its artifact bytes with their sha-256, and the
 * deployment pointer per model whose epoch only ever grows. Publishing
 * and rolling back are single atomic updates of that pointer; scorers follow it.
 * {@link dev.hatchery.registry.ModelRegistry} is the API; how it is stored is private.
 * Shared by every module, as the bottom of the stack: {@link dev.hatchery.registry.ReadOnlyMap},
 * how a module lets others read its maps, {@link dev.hatchery.registry.MapTtl} and
 * {@link dev.hatchery.registry.NextNumber}.
 */
@NullMarked
package dev.hatchery.registry;

import org.jspecify.annotations.NullMarked;
