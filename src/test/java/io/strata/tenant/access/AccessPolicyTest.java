package io.strata.tenant.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy =
            AccessPolicy.parse(List.of("{namespace=\"prod\"}", "{app=\"web\", env=~\"staging|prod\"}"));

    @Test
    void streamMatchingAnySelectorIsAllowed() {
        assertTrue(policy.allows(Labels.of("namespace", "prod", "app", "api")));
        assertTrue(policy.allows(Labels.of("app", "web", "env", "staging")));
    }

    @Test
    void escapesAreRefused() {
        // prefix/suffix tricks against anchored equality and regex
        assertFalse(policy.allows(Labels.of("namespace", "prod-evil")));
        assertFalse(policy.allows(Labels.of("namespace", "Prod")));
        assertFalse(policy.allows(Labels.of("app", "web", "env", "production")));
        // selectors are ANDed inside, so one half of a selector is not enough
        assertFalse(policy.allows(Labels.of("app", "web")));
        assertFalse(policy.allows(Labels.of("env", "prod")));
        // a missing label matches as empty, never as a wildcard
        assertFalse(policy.allows(Labels.EMPTY));
        // structured metadata-like names do not help: only the stream's labels count
        assertFalse(policy.allows(Labels.of("namespace_extracted", "prod", "__tenant_id__", "prod")));
    }

    @Test
    void unrestrictedAllowsEverythingAndEmptyAllowsNothing() {
        assertTrue(AccessPolicy.UNRESTRICTED.allows(Labels.of("a", "b")));
        AccessPolicy none = AccessPolicy.parse(List.of());
        assertFalse(none.unrestricted());
        assertFalse(none.allows(Labels.of("a", "b")));
        assertEquals(List.of(), none.restrict(List.of(Matcher.equal("a", "b"))));
    }

    @Test
    void negativeSelectorsWork() {
        AccessPolicy p = AccessPolicy.parse(List.of("{namespace!=\"secret\"}"));
        assertTrue(p.allows(Labels.of("namespace", "prod")));
        assertFalse(p.allows(Labels.of("namespace", "secret")));
    }

    @Test
    void restrictAddsEachSelectorToTheQueryMatchers() {
        List<Matcher> query = List.of(Matcher.equal("app", "web"));
        List<List<Matcher>> sets = policy.restrict(query);
        assertEquals(2, sets.size());
        assertEquals(List.of(Matcher.equal("app", "web"), Matcher.equal("namespace", "prod")), sets.get(0));
        assertEquals(3, sets.get(1).size());
        assertEquals(List.of(query), AccessPolicy.UNRESTRICTED.restrict(query));
    }

    @Test
    void cacheKeyDiffersPerPolicy() {
        assertNotEquals(policy.cacheKey(), AccessPolicy.UNRESTRICTED.cacheKey());
        assertNotEquals(policy.cacheKey(), AccessPolicy.parse(List.of("{namespace=\"prod\"}")).cacheKey());
        assertNotEquals(AccessPolicy.parse(List.of()).cacheKey(), AccessPolicy.UNRESTRICTED.cacheKey());
    }

    @Test
    void invalidSelectorFailsTheWholePolicy() {
        assertThrows(StrataException.class, () -> AccessPolicy.parse(List.of("{namespace=\"prod\"}", "{bad")));
    }
}
