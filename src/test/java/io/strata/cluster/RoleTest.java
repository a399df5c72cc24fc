package io.strata.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void parsesTheFourTargetsCaseInsensitively() {
        assertEquals(Role.ALL, Role.parse("all"));
        assertEquals(Role.WRITE, Role.parse(" Write "));
        assertEquals(Role.READ, Role.parse("READ"));
        assertEquals(Role.BACKEND, Role.parse("backend"));
    }

    @Test
    void invalidTargetNamesTheSettingAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Role.parse("querier"));
        assertEquals("invalid strata.target (STRATA_TARGET) 'querier': expected one of all, write, read, backend",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Role.parse(""));
    }

    @Test
    void capabilitiesFollowLokisSimpleScalableTargets() {
        assertTrue(Role.ALL.acceptsWrites() && Role.ALL.servesQueries() && Role.ALL.runsBackend());
        assertFalse(Role.ALL.readsOnly());
        assertTrue(Role.WRITE.acceptsWrites());
        assertFalse(Role.WRITE.servesQueries() || Role.WRITE.runsBackend() || Role.WRITE.readsOnly());
        assertTrue(Role.READ.servesQueries() && Role.READ.readsOnly());
        assertFalse(Role.READ.acceptsWrites() || Role.READ.runsBackend());
        assertTrue(Role.BACKEND.runsBackend() && Role.BACKEND.readsOnly());
        assertFalse(Role.BACKEND.acceptsWrites() || Role.BACKEND.servesQueries());
    }
}
