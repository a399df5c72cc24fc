package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cached metadata decoding returns exactly what a fresh decode returns, one instance per distinct set. */
class MetadataCacheTest {
    @Test
    void decodesLikeTheCodecForManyDistinctSetsLongOnesAndPrefixesOfEachOther() {
        List<Labels> sets = new ArrayList<>();
        sets.add(Labels.EMPTY);
        for (String level : new String[] {"info", "warn", "error", "debug", "trace", "fatal", "critical", "unknown",
            "informational", "inf"}) {
            sets.add(Labels.of("detected_level", level));
            sets.add(Labels.of("detected_level", level, "trace_id", "abc"));
        }
        sets.add(Labels.of("k", "x".repeat(MetadataCache.MAX_KEY + 10)));
        sets.add(Labels.of("k", "v"));
        sets.add(Labels.of("k", "vv"));
        ByteWriter w = new ByteWriter(1 << 16);
        Random r = new Random(3);
        List<Integer> offsets = new ArrayList<>();
        List<Labels> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Labels l = sets.get(r.nextInt(sets.size()));
            offsets.add(w.position());
            expected.add(l);
            EntryCodec.writeLabels(w, l);
        }
        byte[] data = w.toArray();
        MetadataCache cache = new MetadataCache();
        for (int i = 0; i < offsets.size(); i++) {
            assertEquals(expected.get(i), cache.labels(data, offsets.get(i), data.length), "entry " + i);
        }
    }

    @Test
    void equalSetsComeBackAsOneInstance() {
        ByteWriter w = new ByteWriter(256);
        EntryCodec.writeLabels(w, Labels.of("detected_level", "info"));
        int second = w.position();
        EntryCodec.writeLabels(w, Labels.of("detected_level", "warn"));
        int third = w.position();
        EntryCodec.writeLabels(w, Labels.of("detected_level", "info"));
        byte[] data = w.toArray();
        MetadataCache cache = new MetadataCache();
        Labels first = cache.labels(data, 0, data.length);
        assertEquals(Labels.of("detected_level", "warn"), cache.labels(data, second, data.length));
        assertSame(first, cache.labels(data, third, data.length));
    }
}
