package io.strata.ruler;

import java.util.List;

/** Where recorded series go (the remote-write client, or a recording fake in tests). Must not block for long. */
@FunctionalInterface
public interface SampleWriter {
    SampleWriter NONE = (tenant, samples) -> {};

    void write(String tenant, List<RecordedSample> samples);
}
