package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.engine.EngineOptions;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.query.QueryService;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule queries through the real engine over real storage: results, tenant isolation, deadline. */
class EngineRuleQuerierTest {
    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final long AT_NANOS = AT.getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path dir;

    Storage storage;
    Duration timeout = Duration.ofSeconds(30);
    EngineRuleQuerier querier;

    @BeforeEach
    void open() {
        storage = Storage.open(StorageOptions.defaults(dir));
        storage.append("team-a", List.of(new PushStream(Labels.of("app", "web", "job", "api"), List.of(
                new LogEntry(AT_NANOS - 30_000_000_000L, "level=error boom"),
                new LogEntry(AT_NANOS - 20_000_000_000L, "level=info ok"),
                new LogEntry(AT_NANOS - 10_000_000_000L, "level=error boom")))));
        storage.append("team-b", List.of(new PushStream(Labels.of("app", "other", "job", "api"), List.of(
                new LogEntry(AT_NANOS - 10_000_000_000L, "level=error boom")))));
        querier = new EngineRuleQuerier(new QueryService(storage),
                tenant -> new EngineRuleQuerier.TenantQueryOptions(EngineOptions.DEFAULTS, timeout));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void vectorResultBecomesSamplesOfTheTenantOnly() {
        List<RuleSample> samples = querier.instantQuery("team-a",
                "sum by (app) (count_over_time({job=\"api\"} |= \"boom\" [1m]))", AT);
        assertEquals(List.of(new RuleSample(Labels.of("app", "web"), 2)), samples);
        assertEquals(List.of(), querier.instantQuery("team-a",
                "sum by (app) (count_over_time({job=\"api\"} |= \"boom\" [1m])) > 5", AT));
    }

    @Test
    void scalarResultIsOneUnlabelledSample() {
        assertEquals(List.of(new RuleSample(Labels.EMPTY, 2)), querier.instantQuery("team-a", "1 + 1", AT));
    }

    @Test
    void logQueryFailsWithTheEnginesText() {
        StrataException e = assertThrows(StrataException.class,
                () -> querier.instantQuery("team-a", "{job=\"api\"}", AT));
        assertTrue(e.getMessage().startsWith("log queries are not supported as an instant query type"), e.getMessage());
    }

    @Test
    void deadlineTurnsIntoLokisTimeout() {
        timeout = Duration.ofNanos(1);
        StrataException e = assertThrows(StrataException.class, () -> querier.instantQuery("team-a",
                "sum by (app) (count_over_time({job=\"api\"} |= \"boom\" [1m]))", AT));
        assertEquals(ErrorCategory.TIMEOUT, e.category());
        assertTrue(e.getMessage().startsWith("request timed out"), e.getMessage());
    }
}
