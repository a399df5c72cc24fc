package io.strata.storage;

import io.strata.model.EntryIterator;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Wire codec for shipping one stream's entries (and stream lists) between processes; see FORMAT.md. */
public final class EntryStreamCodec {
    private EntryStreamCodec() {}

    /** Writes every remaining entry of {@code it} and an end marker (does not close either). */
    public static void write(EntryIterator it, OutputStream out) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A lazy cursor over a stream written by {@link #write}; fails UNAVAILABLE when truncated or corrupt. */
    public static EntryIterator read(InputStream in) {
        throw new UnsupportedOperationException("not yet");
    }

    public static void writeStreams(List<StreamInfo> streams, OutputStream out) {
        throw new UnsupportedOperationException("not yet");
    }

    public static List<StreamInfo> readStreams(InputStream in) {
        throw new UnsupportedOperationException("not yet");
    }
}
