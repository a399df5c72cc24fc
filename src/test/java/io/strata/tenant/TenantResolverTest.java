package io.strata.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.config.AuthMode;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import org.junit.jupiter.api.Test;

class TenantResolverTest {
    private final TenantResolver header = new TenantResolver(AuthMode.header);

    private StrataException fail(String id) {
        return assertThrows(StrataException.class, () -> header.singleTenant(id));
    }

    @Test
    void headerModeValidatesLikeDskit() {
        assertEquals("team-a_1.(x)*'!", header.singleTenant("team-a_1.(x)*'!"));
        assertEquals("acme", header.singleTenant("acme:source=test"));
        assertEquals("acme", header.singleTenant("acme|acme"));
        assertEquals(ErrorCategory.UNAUTHENTICATED, fail(null).category());
        assertEquals("no org id", fail("").getMessage());
        assertEquals("multiple org IDs present", fail("a|b").getMessage());
        assertEquals("tenant ID 'a/b' contains unsupported character '/'", fail("a/b").getMessage());
        assertEquals("tenant ID 'a b' contains unsupported character ' '", fail("a b").getMessage());
        assertEquals("tenant ID is '.' or '..'", fail("..").getMessage());
        assertEquals("tenant ID is '.' or '..'", fail(".").getMessage());
        assertEquals("tenant ID is too long: max 150 characters", fail("t".repeat(151)).getMessage());
        assertEquals("t".repeat(150), header.singleTenant("t".repeat(150)));
        assertEquals(ErrorCategory.BAD_REQUEST, fail("ü").category());
    }

    @Test
    void noneModeIsAlwaysFake() {
        TenantResolver none = new TenantResolver(AuthMode.none);
        assertEquals("fake", none.singleTenant(null));
        assertEquals("fake", none.singleTenant("whatever"));
    }
}
