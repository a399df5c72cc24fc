package io.strata.ruler;

import java.util.Locale;

/** State of one alert (and, as the most severe of its alerts, of an alerting rule). */
public enum AlertState {
    INACTIVE,
    PENDING,
    FIRING;

    /** The lower-case name used in the rules API ({@code inactive}, {@code pending}, {@code firing}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
