package io.strata.query;

import io.strata.logql.engine.Querier;
import io.strata.logql.engine.SelectLogParams;
import io.strata.logql.engine.SelectedStream;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The engine's {@link Querier} over storage's {@link LogReader} for the tenants of one
 * {@link QueryContext}. Access control is applied here, where streams are selected, so no LogQL
 * construct can reach a stream the identity may not see. For multi-tenant queries each stream
 * carries {@code __tenant_id__} (a stored label of that name is kept as
 * {@code original___tenant_id__}), and selector matchers on {@code __tenant_id__} pick tenants,
 * as in Loki.
 */
public final class StorageQuerier implements Querier {
    public static final String TENANT_LABEL = "__tenant_id__";
    static final String ORIGINAL_TENANT_LABEL = "original___tenant_id__";

    private final LogReader reader;
    private final QueryContext context;

    public StorageQuerier(LogReader reader, QueryContext context) {
        this.reader = reader;
        this.context = context;
    }

    @Override
    public List<SelectedStream> selectLogs(SelectLogParams params) {
        context.guard().check();
        List<Matcher> storeMatchers = new ArrayList<>(params.matchers().size());
        List<Matcher> tenantMatchers = new ArrayList<>();
        for (Matcher m : params.matchers()) {
            if (context.multiTenant() && m.name().equals(TENANT_LABEL)) {
                tenantMatchers.add(m);
            } else {
                storeMatchers.add(m);
            }
        }
        ScanHints hints = new ScanHints(params.requiredSubstrings());
        List<SelectedStream> selected = new ArrayList<>();
        for (String tenant : context.tenants()) {
            if (!tenantMatches(tenantMatchers, tenant)) {
                continue;
            }
            Predicate<Labels> filter = context.streamFilter(tenant);
            for (StreamInfo info : reader.streams(tenant, storeMatchers, params.startNanos(), params.endNanos())) {
                if (!filter.test(info.labels())) {
                    continue;
                }
                Labels labels = context.multiTenant() ? withTenant(info.labels(), tenant) : info.labels();
                selected.add(new SelectedStream(labels, () -> {
                    if (INDEXED_SUMMARIES.get(reader.getClass())) {
                        // chunk counts for the stats object; a reader without its own summaries would
                        // read the lines for them (LogReader's default), so it reports none
                        context.statistics().addChunks(
                                reader.chunkSummaries(tenant, info, params.startNanos(), params.endNanos()),
                                params.startNanos(), params.endNanos());
                    }
                    return new CountingEntryIterator(reader.entries(tenant, info, params.startNanos(),
                            params.endNanos(), params.direction(), hints), context.statistics());
                }));
            }
        }
        context.statistics().addStreams(selected.size());
        return selected;
    }

    /**
     * Whether a reader class answers {@code chunkSummaries} from its index (overrides the default,
     * which reads lines): {@code Storage}, the merged reader of the scale-out roles (store plus the
     * writers' summary endpoint), the delete filter over either.
     */
    private static final ClassValue<Boolean> INDEXED_SUMMARIES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("chunkSummaries", String.class, StreamInfo.class, long.class, long.class)
                        .getDeclaringClass() != io.strata.storage.LogReader.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private static boolean tenantMatches(List<Matcher> matchers, String tenant) {
        for (Matcher m : matchers) {
            if (!m.matches(tenant)) {
                return false;
            }
        }
        return true;
    }

    static Labels withTenant(Labels labels, String tenant) {
        Labels.Builder b = labels.toBuilder();
        String original = labels.get(TENANT_LABEL);
        if (original != null) {
            b.set(ORIGINAL_TENANT_LABEL, original);
        }
        return b.set(TENANT_LABEL, tenant).build();
    }
}
