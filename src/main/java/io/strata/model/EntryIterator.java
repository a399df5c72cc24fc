package io.strata.model;

/**
 * A cursor over log entries of one stream, in the order the producer promised (by timestamp,
 * ascending for {@link Direction#FORWARD}, descending for {@link Direction#BACKWARD}).
 *
 * <p>The line is exposed as a slice of a byte buffer (UTF-8) so that filters can run without
 * a {@code String} per line. The buffer and metadata are only valid until the next call to
 * {@link #next()}; copy what you keep.
 */
public interface EntryIterator extends AutoCloseable {
    EntryIterator EMPTY = new EntryIterator() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException();
        }

        @Override
        public byte[] lineBuffer() {
            throw new IllegalStateException();
        }

        @Override
        public int lineOffset() {
            throw new IllegalStateException();
        }

        @Override
        public int lineLength() {
            throw new IllegalStateException();
        }

        @Override
        public Labels metadata() {
            throw new IllegalStateException();
        }

        @Override
        public void close() {}
    };

    /** Advances to the next entry; false when exhausted. */
    boolean next();

    /** Timestamp of the current entry, Unix epoch nanoseconds. */
    long timestamp();

    byte[] lineBuffer();

    int lineOffset();

    int lineLength();

    /** Structured metadata of the current entry (never null). */
    Labels metadata();

    /** The current line decoded as UTF-8. */
    default String line() {
        return new String(lineBuffer(), lineOffset(), lineLength(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    void close();
}
