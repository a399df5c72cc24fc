package io.strata.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.config.ByteSize;
import io.strata.metrics.IngestMetrics;
import io.strata.model.ErrorCategory;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.LogWriter;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push path after decoding, in Loki's order (see {@code INGEST.md}): label parsing and
 * {@code service_name}; per-stream label and per-entry validation with enrichment (errors
 * collected, valid data kept); the tenant ingestion rate (whole request, 429); the active-stream
 * limit (429); the per-stream rate (429, ingester message format); then one
 * {@link LogWriter#append} that returns when the data is durable (a 400 from storage, e.g. entries
 * too far behind, comes after the accepted entries were stored). Thread-safe.
 */
public final class Distributor {
    private final LogWriter writer;
    private final TenantLimits limits;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final ConcurrentHashMap<String, TokenBucket> tenantBuckets = new ConcurrentHashMap<>();
    private final Cache<StreamKey, TokenBucket> streamBuckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(1_000_000).build();

    private record StreamKey(String tenant, Labels labels) {}

    public Distributor(LogWriter writer, TenantLimits limits, Clock clock, IngestMetrics metrics) {
        this.writer = writer;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Validates and stores one decoded push. Returns normally when everything was stored (204);
     * throws a {@link StrataException} whose category gives the status otherwise — also after a
     * partial write, when some streams or entries were dropped.
     */
    public void push(String tenant, List<RawStream> request) {
        if (request.isEmpty()) {
            throw new StrataException(ErrorCategory.UNPROCESSABLE,
                    "error at least one valid stream is required for ingestion");
        }
        Limits l = limits.forTenant(tenant);
        List<StreamLabelParser.ParsedLabels> parsed = new ArrayList<>(request.size());
        for (RawStream s : request) {
            parsed.add(StreamLabelParser.parse(s.labels(), l.discoverServiceName()));
        }

        long nowNanos = nowNanos();
        EntryValidator validator = new EntryValidator(l, nowNanos, tenant, metrics);
        ValidationErrors errors = new ValidationErrors();
        List<PushStream> valid = new ArrayList<>(request.size());
        long totalBytes = 0;
        long totalLines = 0;
        long totalMetadataBytes = 0;
        for (int i = 0; i < request.size(); i++) {
            RawStream raw = request.get(i);
            if (raw.entries().isEmpty()) {
                continue;
            }
            StreamLabelParser.ParsedLabels labels = parsed.get(i);
            String labelError = validator.validateLabels(labels, raw.entries());
            if (labelError != null) {
                errors.add(labelError);
                continue;
            }
            PushStream stream = validator.validateEntries(labels, raw.entries(), errors);
            if (stream.entries().isEmpty()) {
                continue;
            }
            valid.add(stream);
            for (LogEntry e : stream.entries()) {
                long lineBytes = EntryValidator.utf8Length(e.line());
                long mdBytes = EntryValidator.metadataSize(e.metadata());
                totalBytes += lineBytes + mdBytes;
                totalMetadataBytes += mdBytes;
                totalLines++;
            }
        }
        StrataException validationError = errors.isEmpty() ? null : StrataException.badRequest(errors.message());
        if (valid.isEmpty()) {
            if (validationError != null) {
                throw validationError;
            }
            return;
        }

        TokenBucket bucket = tenantBuckets.computeIfAbsent(tenant,
                t -> new TokenBucket(l.ingestionRateBytes(), l.ingestionBurstBytes(), nowNanos));
        if (!bucket.hasLimits(l.ingestionRateBytes(), l.ingestionBurstBytes())) { // tenants/ override changed
            bucket = new TokenBucket(l.ingestionRateBytes(), l.ingestionBurstBytes(), nowNanos);
            tenantBuckets.put(tenant, bucket);
        }
        if (!bucket.tryTake(nowNanos, totalBytes)) {
            metrics.discarded("rate_limited", tenant, totalLines, totalBytes);
            throw new StrataException(ErrorCategory.RATE_LIMITED, "ingestion rate limit exceeded for user " + tenant
                    + " (limit: " + l.ingestionRateBytes() + " bytes/sec) while attempting to ingest '" + totalLines
                    + "' lines totaling '" + totalBytes + "' bytes, reduce log volume or contact your Loki "
                    + "administrator to see if the limit can be increased");
        }

        StrataException limitError = null;
        List<PushStream> accepted = enforceStreamLimit(tenant, l, valid);
        if (accepted.size() < valid.size()) {
            PushStream first = firstMissing(valid, accepted);
            limitError = new StrataException(ErrorCategory.RATE_LIMITED, "maximum active stream limit exceeded when "
                    + "trying to create stream " + first.labels() + ", reduce the number of active streams (reduce "
                    + "labels or reduce label values), or contact your Loki administrator to see if the limit can be "
                    + "increased, user: '" + tenant + "'");
            if (accepted.isEmpty()) {
                throw limitError;
            }
        }
        StringBuilder streamRateErrors = new StringBuilder();
        List<PushStream> toWrite = enforceStreamRate(tenant, l, accepted, nowNanos, streamRateErrors);

        StrataException ingesterError = null;
        if (!toWrite.isEmpty()) {
            try {
                writer.append(tenant, toWrite);
            } catch (StrataException e) {
                if (e.category() != ErrorCategory.BAD_REQUEST) {
                    throw e;
                }
                // storage stored the acceptable entries and names the ignored ones (e.g. too far behind)
                ingesterError = e;
            }
            long lines = 0;
            long lineBytes = 0;
            long mdBytes = 0;
            for (PushStream s : toWrite) {
                for (LogEntry e : s.entries()) {
                    lines++;
                    lineBytes += EntryValidator.utf8Length(e.line());
                    mdBytes += EntryValidator.metadataSize(e.metadata());
                }
            }
            metrics.received(tenant, lines, lineBytes, mdBytes);
        }
        if (!streamRateErrors.isEmpty()) {
            throw new StrataException(ErrorCategory.RATE_LIMITED, streamRateErrors.toString());
        }
        if (ingesterError != null) {
            throw ingesterError;
        }
        if (limitError != null) {
            throw limitError;
        }
        if (validationError != null) {
            throw validationError;
        }
    }

    private List<PushStream> enforceStreamLimit(String tenant, Limits l, List<PushStream> streams) {
        int max = l.maxActiveStreams();
        if (max <= 0) {
            return streams;
        }
        long active = writer.activeStreams(tenant);
        List<PushStream> accepted = new ArrayList<>(streams.size());
        for (PushStream s : streams) {
            if (writer.isActive(tenant, s.labels())) {
                accepted.add(s);
            } else if (active < max) {
                active++;
                accepted.add(s);
            } else {
                long bytes = 0;
                for (LogEntry e : s.entries()) {
                    bytes += EntryValidator.utf8Length(e.line()) + EntryValidator.metadataSize(e.metadata());
                }
                metrics.discarded("stream_limit", tenant, s.entries().size(), bytes);
            }
        }
        return accepted;
    }

    private List<PushStream> enforceStreamRate(String tenant, Limits l, List<PushStream> streams, long nowNanos,
            StringBuilder errorsOut) {
        if (l.perStreamRateLimit() <= 0) {
            return streams;
        }
        List<PushStream> out = new ArrayList<>(streams.size());
        for (PushStream s : streams) {
            StreamKey key = new StreamKey(tenant, s.labels());
            TokenBucket b = streamBuckets.get(key,
                    k -> new TokenBucket(l.perStreamRateLimit(), l.perStreamRateLimitBurst(), nowNanos));
            if (!b.hasLimits(l.perStreamRateLimit(), l.perStreamRateLimitBurst())) {
                b = new TokenBucket(l.perStreamRateLimit(), l.perStreamRateLimitBurst(), nowNanos);
                streamBuckets.put(key, b);
            }
            List<LogEntry> kept = new ArrayList<>(s.entries().size());
            List<LogEntry> failed = new ArrayList<>();
            long failedBytes = 0;
            long streamBytes = 0;
            for (LogEntry e : s.entries()) {
                long size = EntryValidator.utf8Length(e.line()) + EntryValidator.metadataSize(e.metadata());
                streamBytes += size;
                if (b.tryTake(nowNanos, size)) {
                    kept.add(e);
                } else {
                    failed.add(e);
                    failedBytes += size;
                }
            }
            if (!failed.isEmpty()) {
                metrics.discarded("per_stream_rate_limit", tenant, failed.size(), failedBytes);
                String reason = "Per stream rate limit exceeded (limit: " + ByteSize.format(l.perStreamRateLimit())
                        + "/sec) while attempting to ingest for stream '" + s.labels() + "' totaling "
                        + ByteSize.format(streamBytes) + ", consider splitting a stream via additional labels or "
                        + "contact your Loki administrator to see if the limit can be increased";
                if (!errorsOut.isEmpty()) {
                    errorsOut.setLength(0); // Loki's ingester reports the last failing stream only
                }
                for (int i = 0; i < Math.min(10, failed.size()); i++) {
                    errorsOut.append("entry with timestamp ").append(EntryValidator.goTime(failed.get(i).timestampNanos()))
                            .append(" ignored, reason: '").append(reason).append("',\n");
                }
                errorsOut.append("user '").append(tenant).append("', total ignored: ").append(failed.size())
                        .append(" out of ").append(s.entries().size()).append(" for stream: ").append(s.labels());
            }
            if (!kept.isEmpty()) {
                out.add(kept.size() == s.entries().size() ? s : new PushStream(s.labels(), kept));
            }
        }
        return out;
    }

    private static PushStream firstMissing(List<PushStream> all, List<PushStream> accepted) {
        for (PushStream s : all) {
            if (!accepted.contains(s)) {
                return s;
            }
        }
        return all.getFirst();
    }

    private long nowNanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Label pairs for tests and messages. */
    static String render(List<Label> pairs) {
        return StreamLabelParser.render(pairs);
    }
}
