package io.strata.storage;

import java.util.List;
import java.util.Optional;

/**
 * Where immutable chunk and index objects live: a local directory or an S3 bucket, with the same
 * keys (see ARCHITECTURE.md, "Storage layout"). Keys are {@code /}-separated relative paths whose
 * segments were validated by the caller (never empty, {@code .} or {@code ..}).
 *
 * <p>Failures of the backing store are thrown as {@link io.strata.model.StrataException} with
 * category {@code UNAVAILABLE} and a message naming the store, e.g.
 * {@code object store s3://bucket unavailable: ...}. Implementations are thread-safe.
 */
public interface ObjectStore extends AutoCloseable {
    /** Writes the whole object; visible to readers only once complete. Overwrites. */
    void put(String key, byte[] data);

    /** The whole object, or empty when no object has this key. */
    Optional<byte[]> get(String key);

    /** Keys under the prefix (a prefix ending in {@code /} lists a "directory"), sorted, recursive. */
    List<String> list(String prefix);

    /**
     * Names of the immediate "child directories" under a prefix ending in {@code /} (or empty for the
     * root): for keys {@code a/x/1} and {@code a/y/z/2}, {@code listDirectories("a/")} is
     * {@code [x, y]}. Sorted, without the prefix or a trailing {@code /}. This default lists every
     * key below the prefix; stores override it with a delimiter listing.
     */
    default List<String> listDirectories(String prefix) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String key : list(prefix)) {
            int slash = key.indexOf('/', prefix.length());
            if (slash > prefix.length()) {
                out.add(key.substring(prefix.length(), slash));
            }
        }
        return List.copyOf(out);
    }

    /** Deletes the object; no error when it does not exist. */
    void delete(String key);

    /** A short name for messages and metrics, e.g. {@code local:/var/strata/data} or {@code s3://chunks}. */
    String describe();

    @Override
    default void close() {}
}
