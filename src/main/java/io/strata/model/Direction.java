package io.strata.model;

/** Order of entries in a log query: {@code FORWARD} is oldest first, {@code BACKWARD} newest first. */
public enum Direction {
    FORWARD,
    BACKWARD
}
