package io.strata.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Loki's out-of-order window: with unordered writes an entry older than the stream's highest
 * timestamp minus half of {@code max_chunk_age} is rejected. Collects the rejections of one push
 * stream and words the error exactly as Loki's ingester does (Go time formatting, at most
 * {@link #MAX_RETURNED} entries listed).
 */
final class TooFarBehind {
    static final int MAX_RETURNED = 10;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GO_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private int count;

    void reject(long entryTs, long cutoff) {
        count++;
        if (lines.size() < MAX_RETURNED) {
            lines.add("entry with timestamp " + goString(entryTs) + " ignored, reason: 'entry too far behind, entry"
                    + " timestamp is: " + rfc3339(entryTs) + ", oldest acceptable timestamp is: " + rfc3339(cutoff)
                    + "',\n");
        }
    }

    int count() {
        return count;
    }

    String message(String tenant, int total, String stream) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(sb::append);
        return sb.append("user '").append(tenant).append("', total ignored: ").append(count).append(" out of ")
                .append(total).append(" for stream: ").append(stream).toString();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Go's {@code time.Time.String()} in UTC: {@code 2006-01-02 15:04:05.999999999 +0000 UTC}. */
    static String goString(long nanos) {
        Instant i = instant(nanos);
        StringBuilder sb = new StringBuilder(GO_STRING.format(i));
        int frac = i.getNano();
        if (frac != 0) {
            String f = String.format("%09d", frac);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.append(" +0000 UTC").toString();
    }

    /** Go's {@code time.RFC3339} in UTC (no fraction): {@code 2006-01-02T15:04:05Z}. */
    static String rfc3339(long nanos) {
        return RFC3339.format(instant(nanos)).replace("+00:00", "Z");
    }
}
