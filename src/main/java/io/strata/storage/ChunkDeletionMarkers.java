package io.strata.storage;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Pending deletions of chunk objects that no index segment refers to any more (dropped by
 * retention, or replaced by a rewritten chunk). A marker object
 * {@code <tenant>/markers/<due, ms since epoch, 13 digits>-<random, 8 hex>} lists one chunk key a
 * line; it is written <em>before</em> the index stops referring to the chunks, and {@link #sweep}
 * deletes the chunks, then the marker, once the due time has passed. Deleting is idempotent, so a
 * crash at any point only repeats work after a restart. The delay (Loki's
 * {@code retention_delete_delay}) lets readers that still hold the old index finish their queries.
 */
public final class ChunkDeletionMarkers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChunkDeletionMarkers() {}

    /** Writes a marker for the chunk keys, due at {@code dueMillis}; nothing for an empty list. */
    static void mark(ObjectStore store, String tenant, List<String> chunkKeys, long dueMillis) {
        if (chunkKeys.isEmpty()) {
            return;
        }
        String name = String.format("%013d-%08x", Math.max(0, dueMillis), RANDOM.nextInt());
        store.put(tenant + "/markers/" + name, String.join("\n", chunkKeys).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes the chunks of every marker of the tenant that is due at {@code nowMillis}, then the
     * marker. Returns the number of chunk objects deleted.
     */
    public static long sweep(ObjectStore store, String tenant, long nowMillis) {
        TenantIds.validate(tenant);
        long deleted = 0;
        String prefix = tenant + "/markers/";
        for (String key : store.list(prefix)) {
            String name = key.substring(prefix.length());
            int dash = name.indexOf('-');
            long due;
            try {
                due = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (due > nowMillis) {
                continue;
            }
            byte[] body = store.get(key).orElse(null);
            if (body != null) {
                for (String chunk : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    if (chunk.startsWith(tenant + "/chunks/")) {
                        store.delete(chunk);
                        deleted++;
                    }
                }
            }
            store.delete(key);
        }
        return deleted;
    }

    /** Keys of the tenant's pending markers (for tests and status). */
    public static List<String> pending(ObjectStore store, String tenant) {
        return store.list(tenant + "/markers/");
    }
}
