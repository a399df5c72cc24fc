package io.strata.tenant.overrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.tenant.auth.BasicAuthenticator;
import io.strata.tenant.auth.Identity;
import io.strata.tenant.auth.RequestHeaders;
import io.strata.tenant.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The repository's example {@code tenants/} directory loads and its documented demo passwords work. */
class ExampleTenantsTest {
    static RequestHeaders basic(String user, String pw) {
        return RequestHeaders.of(Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void exampleDirectoryLoadsAndDemoPasswordsWork() {
        TenantsDirectory dir = new TenantsDirectory(Path.of("tenants"));
        assertTrue(dir.reload());
        assertEquals("1024", dir.limits("tenant-a").get("ingestion_rate_mb"));
        BasicAuthenticator auth = new BasicAuthenticator(dir);
        Identity g = auth.authenticate(basic("grafana", "strata-demo"));
        assertEquals(Set.of("tenant-a"), g.tenants());
        assertTrue(g.has(Scope.RULES_WRITE));
        assertEquals(Set.of(Scope.LOGS_WRITE), auth.authenticate(basic("promtail", "strata-push")).scopes());
        Identity viewer = auth.authenticate(basic("prod-viewer", "strata-demo"));
        assertTrue(viewer.policy("tenant-a").allows(Labels.of("namespace", "prod")));
        assertFalse(viewer.policy("tenant-a").allows(Labels.of("namespace", "dev")));
        assertThrows(StrataException.class, () -> auth.authenticate(basic("grafana", "strata-push")));
    }
}
