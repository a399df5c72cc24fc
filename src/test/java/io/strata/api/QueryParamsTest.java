package io.strata.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Direction;
import io.strata.model.StrataException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    static final long NOW = 1_800_000_000_000_000_000L;

    private static QueryParams params(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new QueryParams(m::get, k -> m.containsKey(k) ? List.of(m.get(k)) : List.of(), NOW);
    }

    @Test
    void timestampsFollowLokiRules() {
        assertEquals(4_000_000_000L * 1_000_000_000L, QueryParams.parseTimestamp("4000000000", 0));
        assertEquals(1_000_000_000L, QueryParams.parseTimestamp("1", 0));
        assertEquals(1_700_000_000_000_000_000L, QueryParams.parseTimestamp("1700000000000000000", 0));
        assertEquals(1_700_000_000_123_000_000L, QueryParams.parseTimestamp("1700000000.1234", 0));
        assertEquals(1_700_000_000_000_000_000L, QueryParams.parseTimestamp("2023-11-14T22:13:20Z", 0));
        assertEquals(1_700_000_000_500_000_000L, QueryParams.parseTimestamp("2023-11-14T23:13:20.5+01:00", 0));
        assertEquals(7, QueryParams.parseTimestamp("", 7));
        assertEquals("strconv.ParseInt: parsing \"now\": invalid syntax",
                assertThrows(StrataException.class, () -> QueryParams.parseTimestamp("now", 0)).getMessage());
    }

    @Test
    void boundsDefaultToTheLastHour() {
        QueryParams.Bounds b = params().bounds();
        assertEquals(NOW, b.endNanos());
        assertEquals(NOW - 3_600_000_000_000L, b.startNanos());
        QueryParams.Bounds future = params("end", Long.toString(NOW + 10_000_000_000_000L), "since", "5m").bounds();
        assertEquals(NOW - 300_000_000_000L, future.startNanos());
    }

    @Test
    void limitDirectionStepInterval() {
        assertEquals(100, params().limit());
        assertEquals(Direction.BACKWARD, params().direction());
        assertEquals(Direction.FORWARD, params("direction", "Forward").direction());
        assertEquals("invalid direction 'up'",
                assertThrows(StrataException.class, () -> params("direction", "up").direction()).getMessage());
        assertEquals("limit must be a positive value",
                assertThrows(StrataException.class, () -> params("limit", "-1").limit()).getMessage());
        QueryParams.Bounds hour = new QueryParams.Bounds(0, 3_600_000_000_000L);
        assertEquals(14_000_000_000L, params().step(hour));
        assertEquals(60_000_000_000L, params("step", "60000ms").step(hour));
        assertEquals(500_000_000L, params("step", "0.5").step(hour));
        assertEquals(5_400_000_000_000L, params("step", "1h30m").step(hour));
        assertEquals("cannot parse \"x\" to a valid duration",
                assertThrows(StrataException.class, () -> params("step", "x").step(hour)).getMessage());
        assertEquals(0, params().interval());
        assertEquals("interval must be >= 0",
                assertThrows(StrataException.class, () -> params("interval", "-1").interval()).getMessage());
    }
}
