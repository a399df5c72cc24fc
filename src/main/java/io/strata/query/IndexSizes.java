package io.strata.query;

import io.strata.storage.ChunkSummary;
import java.util.List;

/**
 * Loki's arithmetic for {@code index/stats} and volumes over chunk summaries (INDEX_STATS.md):
 * flushed chunks as the TSDB index counts them (millisecond bounds, size rounded to whole KiB,
 * scaled by the share of the chunk's time span inside the window, truncated), unflushed chunks as
 * the ingesters count them (nanosecond bounds, exact bytes scaled by the same share). Stateless.
 */
final class IndexSizes {
    private static final long MS = 1_000_000L;

    private IndexSizes() {}

    /** One stream's contribution: {streams, chunks, bytes, entries} (streams is 0 or 1). */
    static long[] stats(List<ChunkSummary> chunks, long fromNanos, long endNanos) {
        long fromMs = Math.floorDiv(fromNanos, MS);
        long endMs = Math.floorDiv(endNanos, MS);
        long storeChunks = 0;
        long storeKb = 0;
        long storeEntries = 0;
        boolean head = false;
        long headChunks = 0;
        long headBytes = 0;
        long headEntries = 0;
        for (ChunkSummary c : chunks) {
            if (c.flushed()) {
                long cf = Math.floorDiv(c.fromNanos(), MS);
                long ct = Math.floorDiv(c.throughNanos(), MS);
                if (fromMs <= ct && endMs > cf) {
                    double f = factor(fromMs, endMs, cf, ct);
                    storeChunks++;
                    storeKb += (long) (Math.round(c.bytes() / 1024.0) * f);
                    storeEntries += (long) (c.entries() * f);
                }
            } else {
                long from = fromMs * MS;
                long end = endMs * MS;
                if (from < c.throughNanos() && end > c.fromNanos()) {
                    double f = factor(from, end, c.fromNanos(), c.throughNanos());
                    head = true;
                    headChunks++;
                    headEntries += (long) (f * c.entries());
                    headBytes += (long) (f * c.bytes());
                }
            }
        }
        long[] out = new long[4];
        if (storeEntries > 0) {
            out[0] = 1;
            out[1] += storeChunks;
            out[2] += storeKb << 10;
            out[3] += storeEntries;
        }
        if (head) {
            out[0] = 1;
            out[1] += headChunks;
            out[2] += headBytes;
            out[3] += headEntries;
        }
        return out;
    }

    /** Volume bytes of one stream in the window, or -1 when Loki would not report the stream at all. */
    static long volume(List<ChunkSummary> chunks, long fromNanos, long endNanos) {
        long[] s = stats(chunks, fromNanos, endNanos);
        return s[0] == 0 ? -1 : s[2];
    }

    /** Share of {@code [min, max]} inside {@code [from, through]} (Loki's GetFactorOfTime). */
    static double factor(long from, long through, long min, long max) {
        if (from > max || through < min) {
            return 0;
        }
        if (min == max) {
            return 1;
        }
        long total = max - min;
        long leading = Math.max(0, from - min);
        long trailing = Math.max(0, max - through);
        return (double) (total - (leading + trailing)) / total;
    }
}
