package io.strata.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Delete requests kept in the object store, one object per request under
 * {@code <tenant>/deletes/<request id>}, so every process (API, compactor, queriers) sees the
 * same requests. A status change overwrites the object (puts are atomic). Thread-safe (the store is).
 */
public final class DeleteRequestStore {
    private static final System.Logger LOG = System.getLogger(DeleteRequestStore.class.getName());

    private final ObjectStore store;

    public DeleteRequestStore(ObjectStore store) {
        this.store = store;
    }

    private static String key(String tenant, String id) {
        if (!id.matches("[0-9a-zA-Z_-]{1,64}")) {
            throw new IllegalArgumentException("bad delete request id");
        }
        TenantIds.validate(tenant);
        return tenant + "/deletes/" + id;
    }

    public void put(String tenant, DeleteRequestRecord request) {
        store.put(key(tenant, request.id()), request.encode());
    }

    public Optional<DeleteRequestRecord> get(String tenant, String id) {
        if (id == null || !id.matches("[0-9a-zA-Z_-]{1,64}")) {
            return Optional.empty();
        }
        return store.get(key(tenant, id)).map(DeleteRequestRecord::decode);
    }

    public void remove(String tenant, String id) {
        store.delete(key(tenant, id));
    }

    /** The tenant's requests, oldest first (by creation, then id); unreadable objects are skipped. */
    public List<DeleteRequestRecord> list(String tenant) {
        TenantIds.validate(tenant);
        List<DeleteRequestRecord> out = new ArrayList<>();
        for (String k : store.list(tenant + "/deletes/")) {
            byte[] b = store.get(k).orElse(null);
            if (b == null) {
                continue;
            }
            try {
                out.add(DeleteRequestRecord.decode(b));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping delete request {0}: {1}", k, e.getMessage());
            }
        }
        out.sort(Comparator.comparingLong(DeleteRequestRecord::createdAtMillis).thenComparing(DeleteRequestRecord::id));
        return out;
    }

    /** Tenants that have data or requests in the store (top-level directories that are valid tenant ids). */
    public static List<String> tenants(ObjectStore store) {
        List<String> out = new ArrayList<>();
        for (String dir : store.listDirectories("")) {
            try {
                TenantIds.validate(dir);
                out.add(dir);
            } catch (RuntimeException e) {
                // not a tenant directory
            }
        }
        return out;
    }
}
