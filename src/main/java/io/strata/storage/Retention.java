package io.strata.storage;

import io.strata.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention of one tenant, as Loki's compactor applies it: a chunk is expired when it is wholly
 * older than its stream's retention period ({@code now - through > period}); a period of zero keeps
 * the stream forever. Expired refs are dropped from the index segments (each changed segment is
 * rewritten under its writer's name) and their chunk objects are marked for deletion after the
 * delete delay ({@link ChunkDeletionMarkers}). Partly expired chunks are kept whole. Stateless.
 */
public final class Retention {
    /** The retention rules of one tenant. */
    public interface Policy {
        /** The retention period of a stream; zero (or negative) keeps it forever. */
        Duration periodFor(Labels streamLabels);

        /** The smallest positive period any stream can get, or zero when nothing ever expires. */
        Duration minPeriod();
    }

    /** What one run did. */
    public record Result(long chunksDropped, long segmentsRewritten) {}

    private Retention() {}

    /**
     * Drops the tenant's expired chunk refs. Periods that started less than the smallest retention
     * period ago cannot hold an expired chunk and are not read.
     */
    public static Result apply(ObjectStore store, String tenant, Policy policy, long nowNanos, long markerDueMillis) {
        long min = policy.minPeriod().toNanos();
        if (min <= 0) {
            return new Result(0, 0);
        }
        TenantSegments segments = new TenantSegments(store, tenant);
        long horizon = nowNanos - min;
        long[] r = segments.editAll(period -> period < horizon, (labels, refs, obsolete) -> {
            long p = policy.periodFor(labels).toNanos();
            if (p <= 0) {
                return refs;
            }
            List<ChunkRef> kept = null;
            for (int i = 0; i < refs.size(); i++) {
                ChunkRef ref = refs.get(i);
                boolean expired = nowNanos - ref.through() > p;
                if (expired && kept == null) {
                    kept = new ArrayList<>(refs.subList(0, i));
                }
                if (expired) {
                    obsolete.add(ref.key(tenant, labels.fingerprint()));
                } else if (kept != null) {
                    kept.add(ref);
                }
            }
            return kept == null ? refs : kept;
        }, markerDueMillis);
        return new Result(r[0], r[1]);
    }
}
