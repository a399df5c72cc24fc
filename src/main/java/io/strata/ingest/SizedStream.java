package io.strata.ingest;

import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated stream with the UTF-8 byte sizes of each entry's line and structured metadata,
 * measured once by {@link EntryValidator} so that the rate limits and metrics never re-scan lines.
 */
record SizedStream(PushStream stream, int[] lineBytes, int[] metadataBytes) {
    int size() {
        return lineBytes.length;
    }

    long entryBytes(int i) {
        return (long) lineBytes[i] + metadataBytes[i];
    }

    long totalLineBytes() {
        long n = 0;
        for (int b : lineBytes) {
            n += b;
        }
        return n;
    }

    long totalMetadataBytes() {
        long n = 0;
        for (int b : metadataBytes) {
            n += b;
        }
        return n;
    }

    /** The entries at {@code indexes} (ascending), with their sizes. */
    SizedStream subset(int[] indexes, int count) {
        List<LogEntry> entries = new ArrayList<>(count);
        int[] lines = new int[count];
        int[] metadata = new int[count];
        for (int k = 0; k < count; k++) {
            int i = indexes[k];
            entries.add(stream.entries().get(i));
            lines[k] = lineBytes[i];
            metadata[k] = metadataBytes[i];
        }
        return new SizedStream(new PushStream(stream.labels(), entries), lines, metadata);
    }
}
