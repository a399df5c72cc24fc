package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.SelectLogParams;
import io.strata.logql.engine.SelectedStream;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServiceTest {
    @TempDir
    Path dir;

    private Storage storage;
    private QueryService service;

    @BeforeEach
    void setUp() {
        storage = Storage.open(StorageOptions.defaults(dir));
        service = new QueryService(storage);
        storage.append("a", List.of(
                new PushStream(Labels.of("app", "web", "env", "prod"), List.of(new LogEntry(1000, "a1"), new LogEntry(2000, "a2"))),
                new PushStream(Labels.of("app", "api", "env", "dev"), List.of(new LogEntry(1500, "a3")))));
        storage.append("b", List.of(
                new PushStream(Labels.of("app", "web", "__tenant_id__", "spoof"), List.of(new LogEntry(1200, "b1")))));
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private static QueryContext context(List<String> tenants, Map<String, Predicate<Labels>> filters) {
        return new QueryContext(tenants, filters, EngineOptions.DEFAULTS, QueryGuard.NONE, new QueryStatistics());
    }

    @Test
    void labelsAndValuesOfOneTenant() {
        QueryContext a = QueryContext.of("a");
        assertEquals(List.of("app", "env"), service.labelNames(a, List.of(), 0, 10_000));
        assertEquals(List.of("api", "web"), service.labelValues(a, "app", List.of(), 0, 10_000));
        assertEquals(List.of("web"), service.labelValues(a, "app", List.of(Matcher.equal("env", "prod")), 0, 10_000));
        assertEquals(List.of(), service.labelNames(QueryContext.of("nobody"), List.of(), 0, 10_000));
    }

    @Test
    void multiTenantSeriesCarryTenantIdAndKeepTheOriginal() {
        QueryContext ab = context(List.of("a", "b"), Map.of());
        List<Labels> series = service.series(ab, List.of(List.of(Matcher.equal("app", "web"))), 0, 10_000);
        assertEquals(List.of(
                Labels.of("app", "web", "env", "prod", "__tenant_id__", "a"),
                Labels.of("app", "web", "__tenant_id__", "b", "original___tenant_id__", "spoof")), series);
        List<Labels> onlyB = service.series(ab, List.of(List.of(Matcher.of(MatchType.REGEX, "__tenant_id__", "b"))), 0, 10_000);
        assertEquals(1, onlyB.size());
        assertEquals("b", onlyB.get(0).get("__tenant_id__"));
    }

    @Test
    void accessFilterHidesStreamsEverywhere() {
        QueryContext prodOnly = context(List.of("a"), Map.of("a", l -> "prod".equals(l.get("env"))));
        assertEquals(List.of("web"), service.labelValues(prodOnly, "app", List.of(), 0, 10_000));
        StorageQuerier querier = new StorageQuerier(storage, prodOnly);
        List<SelectedStream> streams = querier.selectLogs(new SelectLogParams(
                List.of(Matcher.of(MatchType.REGEX, "app", ".+")), 0, 10_000, Direction.FORWARD, List.of()));
        assertEquals(1, streams.size());
        List<String> lines = new ArrayList<>();
        try (EntryIterator it = streams.get(0).open()) {
            while (it.next()) {
                lines.add(it.line());
            }
        }
        assertEquals(List.of("a1", "a2"), lines);
        assertEquals(2, prodOnly.statistics().linesProcessed());
        assertEquals(4, prodOnly.statistics().bytesProcessed());
    }
}
