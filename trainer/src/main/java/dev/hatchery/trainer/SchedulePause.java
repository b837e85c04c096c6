package dev.hatchery.trainer;

/** An operator's pause of a model's automatic training: no schedule, drift or refresh run starts until resumed. */
public record SchedulePause(String model, String by, String reason, long sinceMillis) {
}
