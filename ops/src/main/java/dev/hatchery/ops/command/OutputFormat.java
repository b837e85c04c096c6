package dev.hatchery.ops.command;

/** How a read command prints what it found: aligned text for people, or JSON for programs. */
public enum OutputFormat { TABLE, JSON }
