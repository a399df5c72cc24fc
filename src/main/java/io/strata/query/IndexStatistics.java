package io.strata.query;

/** Loki's {@code index/stats} answer: {@code {"streams":..,"chunks":..,"bytes":..,"entries":..}}. */
public record IndexStatistics(long streams, long chunks, long bytes, long entries) {
    public static final IndexStatistics EMPTY = new IndexStatistics(0, 0, 0, 0);
}
