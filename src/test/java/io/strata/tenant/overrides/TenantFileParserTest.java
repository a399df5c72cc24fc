package io.strata.tenant.overrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.strata.model.Labels;
import io.strata.tenant.auth.BasicUser;
import io.strata.tenant.auth.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantFileParserTest {
    static final String HASH = BCrypt.withDefaults().hashToString(4, "secret".toCharArray());

    static String validYaml() {
        return """
                limits:
                  ingestion_rate_mb: 8
                  max_line_size: 256KB
                  reject_old_samples: yes
                  block_ingestion_until: 2025-01-01T00:00:00Z
                  retention_stream:
                    - selector: '{namespace="dev"}'
                      priority: 1
                      period: 24h
                users:
                  - username: grafana
                    password: "%s"
                    scopes: [logs:read, rules:read]
                    lbac: ['{namespace="prod"}', '{app="web", env=~"staging|prod"}']
                  - username: promtail
                    password: '%s'
                    scopes: [logs:write]
                """.formatted(HASH, HASH);
    }

    @Test
    void parsesLimitsAsRawTextAndUsers() throws Exception {
        TenantFile f = TenantFileParser.parse("tenant-a", validYaml(), "h");
        assertEquals("8", f.limits().get("ingestion_rate_mb"));
        assertEquals("256KB", f.limits().get("max_line_size"));
        assertEquals("yes", f.limits().get("reject_old_samples"), "raw text, no YAML 1.1 boolean coercion");
        assertEquals("2025-01-01T00:00:00Z", f.limits().get("block_ingestion_until"), "no timestamp coercion");
        assertEquals("[{\"selector\":\"{namespace=\\\"dev\\\"}\",\"priority\":\"1\",\"period\":\"24h\"}]",
                f.limits().get("retention_stream"));
        assertEquals(List.of(Map.of("selector", "{namespace=\"dev\"}", "priority", "1", "period", "24h")),
                f.limitValues().get("retention_stream"));
        assertEquals(2, f.users().size());
        BasicUser g = f.users().get(0);
        assertEquals("grafana", g.username());
        assertEquals("tenant-a", g.tenant());
        assertEquals(Set.of(Scope.LOGS_READ, Scope.RULES_READ), g.scopes());
        assertTrue(g.policy().allows(Labels.of("namespace", "prod")));
        assertFalse(g.policy().allows(Labels.of("namespace", "dev")));
        assertTrue(f.users().get(1).policy().unrestricted());
    }

    @Test
    void emptyFileMeansNoOverrides() throws Exception {
        assertTrue(TenantFileParser.parse("t", "", "h").limits().isEmpty());
        assertTrue(TenantFileParser.parse("t", "# only a comment\n", "h").users().isEmpty());
        assertTrue(TenantFileParser.parse("t", "limits:\nusers:\n", "h").users().isEmpty());
    }

    @Test
    void emptyLbacListAllowsNothing() throws Exception {
        TenantFile f = TenantFileParser.parse("t", "users:\n- {username: u, password: '" + HASH
                + "', scopes: [logs:read], lbac: []}\n", "h");
        assertFalse(f.users().get(0).policy().unrestricted());
        assertFalse(f.users().get(0).policy().allows(Labels.of("a", "b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "overrides:\n  a: 1\n",
        "limits:\n  ingestion_rate: 8\n",
        "limits:\n  ingestion_rate_mb: 8\n  ingestion_rate_mb: 9\n",
        "limits:\n  ingestion_rate_mb:\n",
        "limits: [1, 2]\n",
        "users:\n  username: x\n",
        "users:\n- {username: u, password: 'plaintext', scopes: [logs:read]}\n",
        "users:\n- {username: u, password: '$2a$31$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ', scopes: []}\n",
        "users:\n- {username: u, password: '$2a$10$tooshort', scopes: [logs:read]}\n",
        "users:\n- {username: u, password: '@HASH@'}\n",
        "users:\n- {username: u, password: '@HASH@', scopes: [logs:admin]}\n",
        "users:\n- {username: u, password: '@HASH@', scopes: [logs:read], lbac: ['{namespace=prod}']}\n",
        "users:\n- {username: u, password: '@HASH@', scopes: [logs:read], lbac: '{a=\"b\"}'}\n",
        "users:\n- {username: 'a:b', password: '@HASH@', scopes: [logs:read]}\n",
        "users:\n- {username: '', password: '@HASH@', scopes: [logs:read]}\n",
        "users:\n- {password: '@HASH@', scopes: [logs:read]}\n",
        "users:\n- {username: u, password: '@HASH@', scopes: [logs:read], role: admin}\n",
        "users:\n- {username: u, password: '@HASH@', scopes: [logs:read]}\n- {username: u, password: '@HASH@', scopes: [logs:write]}\n",
        "users:\n- {username: u, username: v, password: '@HASH@', scopes: [logs:read]}\n",
        "just a string\n",
        "limits: {ingestion_rate_mb: [unclosed\n",
        "<<: {limits: {}}\n",
    })
    void rejectsInvalidFiles(String yaml) {
        TenantFileException e = assertThrows(TenantFileException.class,
                () -> TenantFileParser.parse("t", yaml.replace("@HASH@", HASH), "h"));
        assertFalse(e.getMessage().contains(HASH), "never echo a hash: " + e.getMessage());
    }

    @Test
    void aliasBombIsRefused() {
        // under a known key, so only the alias limit can stop it (expanded it would be 9^25 nodes)
        StringBuilder sb = new StringBuilder("limits:\n  retention_stream:\n    - &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            sb.append("    - &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i > 0 ? ", " : "").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        TenantFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(TenantFileException.class, () -> TenantFileParser.parse("t", sb.toString(), "h")));
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void globalTagsAreRefusedNotExecuted() {
        TenantFileException e = assertThrows(TenantFileException.class, () -> TenantFileParser.parse("t",
                "limits:\n  query_timeout: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n", "h"));
        assertTrue(e.getMessage().contains("tag"), e.getMessage());
    }
}
