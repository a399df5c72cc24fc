package io.strata.logql.log;

import io.strata.model.Labels;
import java.util.List;

/** Test fixture: runs one line through a pipeline and captures the outcome. */
record Run(boolean kept, String line, Labels labels) {
    static Run of(Labels stream, String line, Stage... stages) {
        return of(stream, Labels.EMPTY, line, stages);
    }

    static Run of(Labels stream, Labels metadata, String line, Stage... stages) {
        StreamPipeline p = new Pipeline(List.of(stages)).forStream(stream);
        boolean kept = p.process(1_700_000_000_000_000_000L, line, metadata);
        return new Run(kept, p.line().asString(), kept ? p.labels() : null);
    }

    String label(String name) {
        return labels.get(name);
    }

    @Override
    public String toString() {
        return kept + " " + line + " " + labels;
    }
}
