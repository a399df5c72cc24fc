package io.strata.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link ObjectStore} in a sorted map: a fake for tests. Counts gets and puts. */
public final class InMemoryObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong puts = new AtomicLong();

    @Override
    public void put(String key, byte[] data) {
        puts.incrementAndGet();
        objects.put(key, data.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        gets.incrementAndGet();
        byte[] b = objects.get(key);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    @Override
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : objects.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            out.add(k);
        }
        return out;
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public String describe() {
        return "memory";
    }

    public long gets() {
        return gets.get();
    }

    public long puts() {
        return puts.get();
    }

    public int size() {
        return objects.size();
    }
}
