/**
 * The model registry: every trained version of every model, its artifact bytes with their
 * sha-256, and the deployment pointer per model whose epoch only ever grows. Publishing
 * and rolling back are single atomic updates of that pointer; scorers follow it.
 * {@link dev.hatchery.registry.ModelRegistry} is the API; how it is stored is private.
 */
@NullMarked
package dev.hatchery.registry;

import org.jspecify.annotations.NullMarked;
