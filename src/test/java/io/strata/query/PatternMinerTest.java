package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMinerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void variablePartsBecomePlaceholdersAndCountsGoToStepBuckets() {
        PatternMiner m = new PatternMiner(10 * S);
        m.add(100 * S, "ts=1 level=info msg=started user=alice", "info");
        m.add(105 * S, "ts=2 level=info msg=started user=bob", "info");
        m.add(112 * S, "ts=3 level=info msg=started user=carol", "info");
        m.add(113 * S, "GET /health 200 3ms", "unknown");
        List<PatternMiner.Pattern> p = m.patterns();
        assertEquals(2, p.size());
        assertEquals("ts=<_> level=info msg=started user=<_>", p.get(0).pattern());
        assertEquals("info", p.get(0).level());
        assertEquals(2, p.get(0).samples().size());
        assertArrayEquals(new long[] {100, 2}, p.get(0).samples().get(0));
        assertArrayEquals(new long[] {110, 1}, p.get(0).samples().get(1));
        assertEquals("GET /health 200 3ms", p.get(1).pattern());
    }

    @Test
    void levelsAndShapesStayApartAndNeighbouringVariablesCollapse() {
        PatternMiner m = new PatternMiner(S);
        m.add(S, "request 17 took 3ms", "info");
        m.add(S, "request 18 took 4ms", "info");
        m.add(S, "request 18 took 4ms", "error");
        m.add(S, "a b c d", "info");
        m.add(S, "x y z w", "info");
        List<PatternMiner.Pattern> p = m.patterns();
        assertEquals("request <_> took <_>", p.get(0).pattern());
        assertEquals(4, p.size());
        PatternMiner c = new PatternMiner(S);
        c.add(S, "start 1 2 end", "info");
        c.add(S, "start 3 4 end", "info");
        assertEquals("start <_> end", c.patterns().get(0).pattern());
    }
}
