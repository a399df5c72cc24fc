package io.strata.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.model.SelectorParser;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.QueryStatistics;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.tenant.access.AccessPolicy;
import io.strata.tenant.auth.AuthMethod;
import io.strata.tenant.auth.BasicAuthenticator;
import io.strata.tenant.auth.BasicUser;
import io.strata.tenant.auth.CompositeAuthenticator;
import io.strata.tenant.auth.Identity;
import io.strata.tenant.auth.RequestHeaders;
import io.strata.tenant.auth.Scope;
import io.strata.tenant.auth.Tenancy;
import io.strata.tenant.auth.TenantResolution;
import io.strata.tenant.auth.TenantSelection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LBAC escapes: a basic-auth user of tenant {@code full} limited to {@code {app=~"web"}} and
 * {@code {app="api", env="prod"}}, authenticated and resolved exactly as a request is
 * ({@link CompositeAuthenticator}, {@link TenantResolution}, {@link RequestTenancy#caller}), must get
 * exactly the answers of an unrestricted caller of tenant {@code allowed}, which holds only those
 * streams — whatever LogQL construct the query uses.
 */
class LbacEscapeTest {
    private static final long S = 1_000_000_000L;
    private static final String HASH = new String(BCrypt.withDefaults().hash(4, "pw".toCharArray()),
            StandardCharsets.US_ASCII);

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private Storage storage;
    private QueryService service;
    private Caller restricted;

    @BeforeEach
    void setUp() {
        storage = Storage.open(StorageOptions.defaults(dir));
        service = new QueryService(storage);
        List<PushStream> visible = List.of(
                stream(Labels.of("app", "web", "env", "prod"), "GET /a 200", "GET /b 500"),
                stream(Labels.of("app", "web", "env", "staging"), "GET /c 200"),
                stream(Labels.of("app", "api", "env", "prod"), "{\"level\":\"error\",\"msg\":\"boom\"}"));
        List<PushStream> hidden = List.of(
                stream(Labels.of("app", "db", "env", "prod", "secret", "yes"), "password=hunter2", "GET /x 500"),
                stream(Labels.of("app", "webhook", "env", "prod"), "GET /hook 200"),
                stream(Labels.of("app", "api", "env", "dev"), "{\"level\":\"error\",\"msg\":\"dev\"}"),
                stream(Labels.of("app", "web2", "env", "prod", "__tenant_id__", "allowed"), "spoof"));
        List<PushStream> all = new ArrayList<>(visible);
        all.addAll(hidden);
        storage.append("full", all);
        storage.append("allowed", visible);

        BasicUser user = new BasicUser("viewer", "full", HASH, Set.of(Scope.LOGS_READ),
                AccessPolicy.parse(List.of("{app=~\"web\"}", "{app=\"api\", env=\"prod\"}")));
        var auth = new CompositeAuthenticator(Set.of(AuthMethod.BASIC), null,
                new BasicAuthenticator(name -> name.equals("viewer") ? user : null));
        Identity id = auth.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("viewer:pw".getBytes(StandardCharsets.UTF_8)))));
        TenantSelection selection = new TenantResolution(true).resolve(id, null, Tenancy.MULTI);
        restricted = RequestTenancy.caller(selection);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private static PushStream stream(Labels labels, String... lines) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            entries.add(new LogEntry((10 + i) * S, lines[i]));
        }
        return new PushStream(labels, entries);
    }

    private static QueryContext context(Caller c) {
        return new QueryContext(c.tenants(), c.streamFilters(), EngineOptions.DEFAULTS, QueryGuard.NONE,
                new QueryStatistics());
    }

    private QueryResult run(Caller c, QueryRequest r) {
        return service.query(context(c), r);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{env=~\".+\"}",
        "{app=\"db\"}",
        "{secret=\"yes\"}",
        "{app=~\"web.*\"}",
        "{app=~\".+\"} |= \"500\"",
        "{env=\"prod\"} | json",
        "{__tenant_id__=\"allowed\"}",
        "{app=~\"web|db\"} | label_format app=\"web\"",
    })
    void logQueriesSeeOnlyTheAllowedStreams(String query) {
        QueryRequest r = new QueryRequest(query, 0, 100 * S, 0, 0, 1000, Direction.FORWARD, false);
        assertEquals(run(Caller.of("allowed"), r), run(restricted, r), query);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "count_over_time({app=\"db\"}[1m])",
        "count_over_time({app=\"db\"}[1m]) or count_over_time({app=\"web\"}[1m])",
        "sum(count_over_time({app=~\".*b.*\"}[1m]))",
        "sum by (app) (count_over_time({env=~\".+\"}[1m]))",
        "topk(10, sum by (app, secret) (count_over_time({env=~\".+\"}[1m])))",
        "label_replace(count_over_time({secret=\"yes\"}[1m]), \"leak\", \"$1\", \"secret\", \"(.*)\")",
        "label_replace(sum by (app) (count_over_time({app=~\"web.*\"}[1m])), \"x\", \"$1\", \"app\", \"(.*)\")",
        "absent_over_time({app=\"db\"}[1m])",
        "absent_over_time({app=\"web\"}[1m])",
        "sum(count_over_time({app=\"web\"}[1m])) + sum(count_over_time({app=\"db\"}[1m]))",
        "vector(1) + sum(count_over_time({secret=~\".+\"}[1m]))",
        "count_over_time({app=\"web\"}[1m]) / on(env) group_left count_over_time({app=~\"db|api\"}[1m])",
        "sum(bytes_over_time({env=\"prod\"}[1m])) > 0",
        "count(count_over_time({env=~\"prod|dev\"} | json | level=\"error\" [1m]))",
    })
    void metricQueriesSeeOnlyTheAllowedStreams(String query) {
        QueryRequest range = QueryRequest.range(query, 0, 100 * S, 15 * S);
        assertEquals(run(Caller.of("allowed"), range), run(restricted, range), query);
        QueryRequest instant = QueryRequest.instant(query, 40 * S);
        assertEquals(run(Caller.of("allowed"), instant), run(restricted, instant), query);
    }

    @Test
    void theComparisonCanFail() {
        // the same query for an unrestricted caller of "full" does see the hidden streams
        QueryRequest r = QueryRequest.range("sum by (app) (count_over_time({env=~\".+\"}[1m]))", 0, 100 * S, 15 * S);
        assertNotEquals(run(Caller.of("allowed"), r), run(Caller.of("full"), r));
    }

    @Test
    void labelsValuesAndSeriesComeFromAllowedStreamsOnly() {
        QueryContext c = context(restricted);
        QueryContext a = context(Caller.of("allowed"));
        assertEquals(service.labelNames(a, List.of(), 0, 100 * S), service.labelNames(c, List.of(), 0, 100 * S));
        assertFalse(service.labelNames(c, List.of(), 0, 100 * S).contains("secret"));
        assertEquals(List.of("api", "web"), service.labelValues(c, "app", List.of(), 0, 100 * S));
        assertEquals(List.of(), service.labelValues(c, "secret", List.of(), 0, 100 * S));
        List<Matcher> db = SelectorParser.parseSelector("{app=~\"db|webhook\"}");
        assertEquals(List.of(), service.series(c, List.of(db), 0, 100 * S));
        assertEquals(service.series(a, List.of(), 0, 100 * S), service.series(c, List.of(), 0, 100 * S));
    }

    @Test
    void multiTenantReadsApplyEachTenantsOwnPolicy() {
        AccessPolicy web = AccessPolicy.parse(List.of("{app=\"web\"}"));
        Identity id = new Identity("svc", AuthMethod.JWT, Set.of("full", "allowed"), false, Set.of(Scope.LOGS_READ),
                Map.of("full", web));
        Caller both = RequestTenancy.caller(new TenantResolution(true).resolve(id, "full|allowed", Tenancy.MULTI));
        assertEquals(List.of("allowed", "full"), both.tenants());
        QueryRequest r = QueryRequest.range("sum by (__tenant_id__, app) (count_over_time({env=~\".+\"}[1m]))",
                0, 100 * S, 15 * S);
        QueryResult.Matrix m = (QueryResult.Matrix) run(both, r);
        List<String> seen = m.series().stream().map(s -> s.labels().get("__tenant_id__") + "/" + s.labels().get("app"))
                .toList();
        assertEquals(List.of("allowed/api", "allowed/web", "full/web"), seen);
        // a selector on __tenant_id__ picks tenants, it never widens a policy
        QueryRequest onlyFull = QueryRequest.range("sum by (app) (count_over_time({__tenant_id__=\"full\"}[1m]))",
                0, 100 * S, 15 * S);
        QueryResult.Matrix f = (QueryResult.Matrix) run(both, onlyFull);
        assertEquals(List.of("web"), f.series().stream().map(s -> s.labels().get("app")).toList());
        assertTrue(f.series().stream().noneMatch(s -> "db".equals(s.labels().get("app"))));
    }
}
