package io.strata.logql.log;

import java.nio.charset.StandardCharsets;

/**
 * The current log line of an entry as a UTF-8 byte slice, with its decoded {@code String} made
 * lazily and cached. Owned by one {@link StreamPipeline}; a stage rewrites the line with
 * {@link #set(String)} or {@link #set(byte[], int, int)}. Not thread-safe.
 */
public final class Line {
    private byte[] buffer = new byte[0];
    private int offset;
    private int length;
    private String string;

    public Line() {}

    public Line(String s) {
        set(s);
    }

    /** Points the line at a slice; the bytes are not copied and must stay valid while used. */
    public void set(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.string = null;
    }

    public void set(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        this.buffer = b;
        this.offset = 0;
        this.length = b.length;
        this.string = s;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    /** Length in bytes. */
    public int length() {
        return length;
    }

    /** The line decoded as UTF-8 (cached until the line changes). */
    public String asString() {
        String s = string;
        if (s == null) {
            s = new String(buffer, offset, length, StandardCharsets.UTF_8);
            string = s;
        }
        return s;
    }

    /** A copy of the line bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[length];
        System.arraycopy(buffer, offset, b, 0, length);
        return b;
    }

    @Override
    public String toString() {
        return asString();
    }
}
