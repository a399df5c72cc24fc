package io.strata.ruler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decodes and validates the rule files of a {@link RuleStore}, remembering why the bad ones were
 * skipped ({@link RuleStore#loadErrors()}) and logging each new reason once. Thread-safe.
 */
final class RuleFileDecoder {
    private final RuleGroupValidator validator;
    private final Logger log;
    private final String what;
    private final Map<String, String> loadErrors = new ConcurrentHashMap<>();

    /** {@code what} names a file in the log ({@code rule file}, {@code rule object}). */
    RuleFileDecoder(RuleGroupValidator validator, Logger log, String what) {
        this.validator = validator;
        this.log = log;
        this.what = what;
    }

    /** The groups of the file {@code key}, or empty (and a load error) when it does not parse or validate. */
    Optional<List<RuleGroup>> decode(String key, byte[] bytes) {
        try {
            List<RuleGroup> groups = RuleYaml.parseFile(bytes);
            List<String> errors = validator.validate(groups);
            if (!errors.isEmpty()) {
                throw new RuleFormatException(String.join(", ", errors));
            }
            loadErrors.remove(key);
            return Optional.of(groups);
        } catch (RuleFormatException e) {
            if (!e.getMessage().equals(loadErrors.put(key, e.getMessage()))) {
                log.log(Level.WARNING, "skipping " + what + " {0}: {1}", new Object[] {key, e.getMessage()});
            }
            return Optional.empty();
        }
    }

    /** File key → why it was skipped, for the files that failed at their last read. */
    Map<String, String> loadErrors() {
        return Map.copyOf(loadErrors);
    }
}
