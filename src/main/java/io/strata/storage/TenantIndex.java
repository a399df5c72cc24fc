package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The in-memory label index of one tenant: every stream known from the head or from loaded index
 * segments, with postings (label name → value → streams) for selection. Thread-safe; streams are
 * never removed while the process runs.
 */
final class TenantIndex {
    final String tenant;
    /** Streams with head data; maintained by {@link StoredStream}. */
    final AtomicInteger active = new AtomicInteger();
    private final ConcurrentHashMap<Labels, StoredStream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<StoredStream>>> postings =
            new ConcurrentHashMap<>();

    TenantIndex(String tenant) {
        this.tenant = tenant;
    }

    StoredStream get(Labels labels) {
        return streams.get(labels);
    }

    StoredStream getOrCreate(Labels labels, Function<Labels, StoredStream> factory) {
        StoredStream s = streams.get(labels);
        if (s != null) {
            return s;
        }
        return streams.computeIfAbsent(labels, l -> {
            StoredStream created = factory.apply(l);
            l.forEach((name, value) -> postings.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                    .computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(created));
            return created;
        });
    }

    Collection<StoredStream> all() {
        return streams.values();
    }

    /** Streams whose labels satisfy every matcher, using postings to narrow the candidates. */
    List<StoredStream> select(List<Matcher> matchers) {
        Collection<StoredStream> candidates = null;
        for (Matcher m : matchers) {
            if (m.matchesEmpty()) {
                continue;
            }
            Collection<StoredStream> c = candidates(m);
            if (candidates == null || c.size() < candidates.size()) {
                candidates = c;
            }
        }
        if (candidates == null) {
            candidates = streams.values();
        }
        List<StoredStream> out = new ArrayList<>();
        for (StoredStream s : candidates) {
            if (s.labels.matches(matchers)) {
                out.add(s);
            }
        }
        return out;
    }

    private Collection<StoredStream> candidates(Matcher m) {
        Map<String, Set<StoredStream>> values = postings.get(m.name());
        if (values == null) {
            return List.of();
        }
        if (m.type() == MatchType.EQUAL) {
            Set<StoredStream> s = values.get(m.value());
            return s == null ? List.of() : s;
        }
        List<StoredStream> out = new ArrayList<>();
        values.forEach((value, set) -> {
            if (m.matches(value)) {
                out.addAll(set);
            }
        });
        return out;
    }
}
