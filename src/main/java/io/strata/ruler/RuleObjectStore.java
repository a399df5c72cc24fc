package io.strata.ruler;

import java.util.List;
import java.util.Optional;

/**
 * The four object operations the ruler needs from a bucket, shaped like
 * {@code io.strata.storage.ObjectStore} so the wiring can adapt one with method references
 * ({@code new ObjectRuleStore(new RuleObjectStore() {...}, ...)}). Keys are {@code /}-separated.
 */
public interface RuleObjectStore {
    void put(String key, byte[] data);

    Optional<byte[]> get(String key);

    /** Keys under the prefix, sorted, recursive. */
    List<String> list(String prefix);

    void delete(String key);
}
