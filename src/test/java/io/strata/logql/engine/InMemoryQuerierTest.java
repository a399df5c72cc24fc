package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake keeps the {@link Querier} contract: matching, [start, end), direction, de-duplication. */
class InMemoryQuerierTest {
    private static List<String> read(SelectedStream s) {
        List<String> out = new ArrayList<>();
        try (EntryIterator it = s.open()) {
            while (it.next()) {
                out.add(it.timestamp() + ":" + it.line());
            }
        }
        return out;
    }

    @Test
    void selectsRangeInDirectionWithoutDuplicates() {
        InMemoryQuerier q = new InMemoryQuerier();
        Labels a = Labels.of("app", "a");
        q.push(a, new LogEntry(30, "c"));
        q.push(a, new LogEntry(10, "a"));
        q.push(a, new LogEntry(20, "b1"));
        q.push(a, new LogEntry(20, "b2"));
        q.push(a, new LogEntry(20, "b1"));
        q.push(Labels.of("app", "other"), new LogEntry(10, "x"));
        List<SelectedStream> fwd = q.selectLogs(new SelectLogParams(List.of(Matcher.equal("app", "a")), 10, 30,
                Direction.FORWARD, List.of()));
        assertEquals(1, fwd.size());
        assertEquals(List.of("10:a", "20:b1", "20:b2"), read(fwd.get(0)));
        List<SelectedStream> bwd = q.selectLogs(new SelectLogParams(List.of(Matcher.equal("app", "a")), 11, 31,
                Direction.BACKWARD, List.of()));
        assertEquals(List.of("30:c", "20:b2", "20:b1"), read(bwd.get(0)));
        assertEquals(0, q.selectLogs(new SelectLogParams(List.of(Matcher.equal("app", "a")), 31, 40,
                Direction.FORWARD, List.of())).size());
    }
}
