package dev.hatchery.feedback.drift;

/** What a drift detector makes of the error stream so far. */
public enum DetectorState { STABLE, WARNING, DRIFT }
