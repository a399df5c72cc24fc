package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.8, case Q21. */
class DropKeepTest {
    @Test
    void q21Drop() {
        DropStage drop = new DropStage(List.of("__error__", "__error_details__", "user_id", "pod"), List.of(Matcher.equal("level", "info")));
        assertEquals("{a_b=\"dot\", app=\"api\", env=\"prod\", latency=\"2.5\", level=\"error\", method=\"GET\", status=\"503\"}",
                Run.of(JsonParserTest.B, JsonParserTest.B25, new JsonParserStage(), drop).labels().toString());
        assertEquals("{app=\"api\", env=\"prod\", latency=\"0.25\", method=\"GET\", pod_extracted=\"p1\", status=\"200\", user_name=\"ann\"}",
                Run.of(JsonParserTest.B, JsonParserTest.B15, new JsonParserStage(), drop).labels().toString());
        assertEquals("{app=\"api\", env=\"prod\"}",
                Run.of(JsonParserTest.B, JsonParserTest.B35, new JsonParserStage(), drop).labels().toString());
    }

    @Test
    void q21Keep() {
        KeepStage keep = new KeepStage(List.of("level"), List.of(Matcher.equal("path", "/users")));
        Labels a = LabelFilterTest.A;
        assertEquals("{level=\"info\", path=\"/users\"}",
                Run.of(a, LabelFilterTest.A_LINES[0], new LogfmtParserStage(false, false), keep).labels().toString());
        assertEquals("{level=\"warn\"}",
                Run.of(a, LabelFilterTest.A_LINES[3], new LogfmtParserStage(false, false), keep).labels().toString());
        Run err = Run.of(a, "x", new JsonParserStage(), keep);
        assertEquals("JSONParserErr", err.label("__error__"), "keep never removes error labels");
        assertEquals(2, err.labels().size(), "only the two error labels remain");
    }
}
