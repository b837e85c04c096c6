package dev.hatchery.feedback.datadrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataDriftSettingsTests {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(DataDriftSettings.DEFAULTS).isEqualTo(new DataDriftSettings(1_000, 0.25, 0.01, 500, 500));
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> new DataDriftSettings(0, Double.NaN, 1.5, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid data drift settings: ")
                .hasMessageContaining("window must be 1 or more, got 0")
                .hasMessageContaining("psiThreshold must be a finite number above 0 (0.25 is usual), got NaN")
                .hasMessageContaining("ksAlpha must be in (0, 1) (0.01 is usual), got 1.5")
                .hasMessageContaining("minEvents must be 1 to window (0), got 10")
                .hasMessageContaining("checkEvery must be 1 or more, got 0");
    }

    @Test
    void refusesMoreMinimumEventsThanTheWindowHolds() {
        assertThatThrownBy(() -> new DataDriftSettings(100, 0.25, 0.01, 101, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid data drift settings: minEvents must be 1 to window (100), got 101");
    }
}
