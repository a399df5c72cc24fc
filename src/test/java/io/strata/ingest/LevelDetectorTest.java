package io.strata.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.model.Labels;
import io.strata.tenant.Limits;
import org.junit.jupiter.api.Test;

class LevelDetectorTest {
    private final LevelDetector d = new LevelDetector(Limits.defaults().logLevelFields(), 2);

    private String line(String l) {
        return d.detect(Labels.EMPTY, Labels.EMPTY, l);
    }

    @Test
    void fromLabelsMetadataAndSeverity() {
        assertEquals("warn", d.detect(Labels.of("level", "Warning"), Labels.EMPTY, "error"));
        assertEquals("custom", d.detect(Labels.of("lvl", "custom"), Labels.EMPTY, "error"));
        assertEquals("debug", d.detect(Labels.EMPTY, Labels.of("severity", "DBG"), "error"));
        assertEquals("error", d.detect(Labels.EMPTY, Labels.of("severity_number", "17"), "info"));
    }

    @Test
    void fromJsonLogfmtAndKeywords() {
        assertEquals("error", line("{\"level\":\"err\",\"msg\":\"x\"}"));
        assertEquals("info", line("{\"log\":{\"level\":\"info\"}}"));
        assertEquals("unknown", line("{\"a\":{\"b\":{\"level\":\"dbg\"}}}")); // deeper than 2: not searched
        assertEquals("warn", line("ts=1 msg=\"level=error inside\" level=warn"));
        assertEquals("critical", line("time=1 LEVEL=critical"));
        assertEquals("error", line("2026-01-01 [ERROR] disk full"));
        assertEquals("info", line("INFO: started; errors=0"));
        assertEquals("unknown", line("nothing to see, misc:error here"));
        assertEquals("debug", line("debug"));
    }
}
