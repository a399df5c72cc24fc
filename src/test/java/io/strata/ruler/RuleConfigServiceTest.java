package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleConfigServiceTest {
    private static final String GROUP = """
            name: apigroup
            interval: 1m
            rules:
              - alert: ApiTestErrors
                expr: sum by (app) (count_over_time({job="apitest"} |= "boom" [5m])) > 0
                labels:
                  severity: critical
                annotations:
                  summary: errors in {{ $labels.app }}
            """;
    /** Rejects expressions containing "BAD", the way the LogQL parser would. */
    static final ExpressionChecker CHECKER = expr -> {
        if (expr.contains("BAD")) {
            throw new IllegalArgumentException("parse error at line 1, col 1: syntax error: unexpected IDENTIFIER");
        }
    };

    @TempDir
    Path dir;

    private final List<String> changed = new ArrayList<>();

    private RuleStore store(String kind) {
        RuleGroupValidator v = new RuleGroupValidator(CHECKER);
        return kind.equals("dir") ? new DirectoryRuleStore(dir, v) : new ObjectRuleStore(BUCKET.get(), v);
    }

    private static final ThreadLocal<InMemoryRuleObjectStore> BUCKET = ThreadLocal.withInitial(InMemoryRuleObjectStore::new);

    private RuleConfigService service(RuleStore store, Function<String, RulerTenantOptions> limits) {
        return new RuleConfigService(store, new RuleGroupValidator(CHECKER), limits, changed::add);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StrataException fails(ErrorCategory category, String message, Runnable r) {
        StrataException e = assertThrows(StrataException.class, r::run);
        assertEquals(category, e.category());
        assertEquals(message, e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir", "object"})
    void crudWithLokisStatusTexts(String kind) {
        BUCKET.remove();
        RuleConfigService s = service(store(kind), t -> RulerTenantOptions.DEFAULTS);
        fails(ErrorCategory.NOT_FOUND, "no rule groups found", () -> s.listRules("t1", null));
        fails(ErrorCategory.NOT_FOUND, "no rule groups found", () -> s.getNamespace("t1", "ns"));
        fails(ErrorCategory.NOT_FOUND, "group does not exist", () -> s.getGroup("test", "test", "test"));
        fails(ErrorCategory.NOT_FOUND, "group namespace does not exist", () -> s.deleteNamespace("t1", "ns"));
        fails(ErrorCategory.NOT_FOUND, "group does not exist", () -> s.deleteGroup("t1", "ns", "g"));

        s.setGroup("t1", "apins", b(GROUP));
        assertEquals(List.of("t1"), changed);
        String list = s.listRules("t1", null);
        assertTrue(list.startsWith("apins:\n    - name: apigroup\n      interval: 1m\n"), list);
        assertEquals(list, s.getNamespace("t1", "apins"));
        String one = s.getGroup("t1", "apins", "apigroup");
        assertTrue(one.startsWith("name: apigroup\ninterval: 1m\nrules:\n    - alert: ApiTestErrors\n"), one);
        fails(ErrorCategory.NOT_FOUND, "no rule groups found", () -> s.listRules("t2", null));

        // replace by name, add a second group, label filter
        s.setGroup("t1", "apins", b(GROUP.replace("critical", "warning")));
        s.setGroup("t1", "apins", b("name: second\nrules:\n- record: a:b\n  expr: sum(rate({a=\"b\"}[1m]))\n"));
        String all = s.listRules("t1", null);
        assertTrue(all.contains("severity: warning") && !all.contains("critical") && all.contains("name: second"), all);
        String filtered = s.listRules("t1", "severity:warning");
        assertTrue(filtered.contains("ApiTestErrors") && !filtered.contains("second"), filtered);

        s.deleteGroup("t1", "apins", "apigroup");
        fails(ErrorCategory.NOT_FOUND, "group does not exist", () -> s.getGroup("t1", "apins", "apigroup"));
        s.deleteGroup("t1", "apins", "second");
        fails(ErrorCategory.NOT_FOUND, "no rule groups found", () -> s.listRules("t1", null));
        s.setGroup("t1", "other", b(GROUP));
        s.deleteNamespace("t1", "other");
        fails(ErrorCategory.NOT_FOUND, "no rule groups found", () -> s.listRules("t1", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir", "object"})
    void changesSurviveANewInstance(String kind) {
        BUCKET.remove();
        service(store(kind), t -> RulerTenantOptions.DEFAULTS).setGroup("t1", "apins", b(GROUP));
        RuleConfigService again = service(store(kind), t -> RulerTenantOptions.DEFAULTS);
        assertTrue(again.getGroup("t1", "apins", "apigroup").contains("ApiTestErrors"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "name: [x", // invalid YAML
        "- a\n- b\n", // not a map
        "name: g\ninterval: 60\n", // bad duration
        "name: g\nname: g\n", // duplicate key
    })
    void undecodableBodiesAre400(String body) {
        RuleConfigService s = service(store("dir"), t -> RulerTenantOptions.DEFAULTS);
        fails(ErrorCategory.BAD_REQUEST, "unable to decoded rule group", () -> s.setGroup("t1", "ns", b(body)));
    }

    @org.junit.jupiter.api.Test
    void validationMessagesAreLokis() {
        RuleConfigService s = service(store("dir"), t -> RulerTenantOptions.DEFAULTS);
        fails(ErrorCategory.BAD_REQUEST, "group 0: Groupname must not be empty", () -> s.setGroup("t", "ns", b("rules: []")));
        fails(ErrorCategory.BAD_REQUEST, "one of 'record' or 'alert' must be set",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- expr: x\n")));
        fails(ErrorCategory.BAD_REQUEST, "only one of 'record' and 'alert' must be set",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- alert: a\n  record: b\n  expr: x\n")));
        fails(ErrorCategory.BAD_REQUEST, "field 'expr' must be set in rule",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- alert: a\n")));
        fails(ErrorCategory.BAD_REQUEST, "could not parse expression for alert 'X' in group 'g2': parse error at line 1,"
                + " col 1: syntax error: unexpected IDENTIFIER",
                () -> s.setGroup("t", "ns", b("name: g2\nrules:\n- alert: X\n  expr: BAD\n")));
        fails(ErrorCategory.BAD_REQUEST, "invalid field 'for' in recording rule",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- record: a\n  expr: x\n  for: 1m\n")));
        fails(ErrorCategory.BAD_REQUEST, "invalid recording rule name: a-b",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- record: a-b\n  expr: x\n")));
        fails(ErrorCategory.BAD_REQUEST, "invalid label name: 1x",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- alert: a\n  expr: x\n  labels:\n    1x: y\n")));
        StrataException e = assertThrows(StrataException.class, () -> s.setGroup("t", "ns",
                b("name: g\nrules:\n- alert: a\n  expr: x\n  annotations:\n    s: '{{ nope }}'\n- record: b\n  expr: BAD\n")));
        assertEquals("annotation \"s\": template: __alert_a:1: function \"nope\" not defined, could not parse expression"
                + " for record 'b' in group 'g': parse error at line 1, col 1: syntax error: unexpected IDENTIFIER",
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void namesWithTraversalAndHugeBodiesAreRejectedBeforeAnyIo() throws Exception {
        RuleConfigService s = service(store("dir"), t -> RulerTenantOptions.DEFAULTS);
        for (String bad : new String[] {"..", "a/b", "../x", ".", ""}) {
            fails(ErrorCategory.BAD_REQUEST, "invalid namespace: path traversal not allowed",
                    () -> s.setGroup("t", bad, b(GROUP)));
            fails(ErrorCategory.BAD_REQUEST, "invalid namespace: path traversal not allowed",
                    () -> s.getNamespace("t", bad));
        }
        fails(ErrorCategory.BAD_REQUEST, "invalid groupname: path traversal not allowed",
                () -> s.getGroup("t", "ns", "../../etc"));
        fails(ErrorCategory.BAD_REQUEST, "invalid tenant ID", () -> s.setGroup("..", "ns", b(GROUP)));
        fails(ErrorCategory.BAD_REQUEST, "invalid groupname: path traversal not allowed",
                () -> s.setGroup("t", "ns", b(GROUP.replace("name: apigroup", "name: a/b"))));
        byte[] huge = new byte[10 * 1024 * 1024];
        assertEquals(ErrorCategory.TOO_LARGE, assertThrows(StrataException.class, () -> s.setGroup("t", "ns", huge))
                .category());
        try (var files = Files.walk(dir)) {
            assertEquals(1, files.count(), "nothing written");
        }
    }

    @org.junit.jupiter.api.Test
    void perTenantLimits() {
        RuleConfigService s = service(store("dir"), t -> new RulerTenantOptions(1, 2, List.of(), null));
        fails(ErrorCategory.BAD_REQUEST, "per-user rules per rule group limit (limit: 1 actual: 2) exceeded",
                () -> s.setGroup("t", "ns", b("name: g\nrules:\n- record: a\n  expr: x\n- record: b\n  expr: y\n")));
        s.setGroup("t", "ns", b("name: g1\nrules:\n- record: a\n  expr: x\n"));
        s.setGroup("t", "ns2", b("name: g2\nrules:\n- record: a\n  expr: x\n"));
        s.setGroup("t", "ns2", b("name: g2\nrules:\n- record: c\n  expr: x\n")); // replacing is not adding
        fails(ErrorCategory.BAD_REQUEST, "per-user rule groups limit (limit: 2 actual: 3) exceeded",
                () -> s.setGroup("t", "ns", b("name: g3\nrules:\n- record: a\n  expr: x\n")));
    }

    @org.junit.jupiter.api.Test
    void aBadFileIsReportedAndTheOthersStillLoad() throws Exception {
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(dir.resolve("t/good.yaml"), "groups:\n- name: g\n  rules:\n  - record: a\n    expr: x\n");
        Files.writeString(dir.resolve("t/broken.yaml"), "groups:\n- name: g\n  rules:\n  - record: a\n    expr: BAD\n");
        Files.writeString(dir.resolve("t/garbage.yml"), "groups: [: :\n");
        Files.writeString(dir.resolve("t/unknown.yaml"), "groups:\n- name: g\n  evaluation: 1\n");
        Files.writeString(dir.resolve("t/dupes.yaml"), "groups:\n- name: g\n- name: g\n");
        DirectoryRuleStore store = (DirectoryRuleStore) store("dir");
        assertEquals(List.of("good"), List.copyOf(store.namespaces("t").keySet()));
        assertEquals(4, store.loadErrors().size(), store.loadErrors().toString());
        assertEquals("groupname: \"g\" is repeated in the same file", store.loadErrors().get("t/dupes.yaml"));
        assertTrue(store.loadErrors().get("t/broken.yaml").startsWith("could not parse expression for record 'a'"));
    }
}
