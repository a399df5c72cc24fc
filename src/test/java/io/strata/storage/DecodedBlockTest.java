package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Labels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block parser finds every entry's timestamp and body, and rejects damaged blocks. */
class DecodedBlockTest {
    @Test
    void parsesRandomBlocksWithLongLinesLargeDeltasAndMetadata() {
        Random r = new Random(11);
        for (int round = 0; round < 50; round++) {
            ByteWriter w = new ByteWriter(1 << 12);
            int n = 1 + r.nextInt(300);
            long[] ts = new long[n];
            int[] bodies = new int[n];
            String[] lines = new String[n];
            Labels[] metadata = new Labels[n];
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long t = r.nextInt(10) == 0 ? r.nextLong() >> r.nextInt(40) : prev + r.nextInt(1 << r.nextInt(31));
                ts[i] = t;
                w.zigzag(t - prev);
                prev = t;
                bodies[i] = w.position();
                lines[i] = "x".repeat(r.nextInt(r.nextBoolean() ? 100 : 20_000));
                metadata[i] = switch (r.nextInt(3)) {
                    case 0 -> Labels.EMPTY;
                    case 1 -> Labels.of("detected_level", "info");
                    default -> Labels.of("k", "v".repeat(r.nextInt(300)), "trace", "t" + i);
                };
                EntryCodec.writeBody(w, EntryCodec.utf8(lines[i]), metadata[i]);
            }
            byte[] raw = w.toArray();
            DecodedBlock b = DecodedBlock.parse(raw, raw.length, n);
            assertEquals(n, b.count);
            assertArrayEquals(ts, Arrays.copyOf(b.ts, n));
            assertArrayEquals(bodies, Arrays.copyOf(b.bodyOffset, n));
            MetadataCache cache = new MetadataCache();
            for (int i = 0; i < n; i++) {
                int lineOff = EntryCodec.lineOffset(raw, bodies[i]);
                int len = EntryCodec.lineLength(raw, bodies[i]);
                assertEquals(lines[i].length(), len);
                assertEquals(metadata[i], cache.labels(raw, lineOff + len, raw.length));
            }
        }
    }

    @Test
    void truncatedOrMiscountedBlocksAreCorrupt() {
        ByteWriter w = new ByteWriter(256);
        for (int i = 0; i < 3; i++) {
            w.zigzag(5);
            EntryCodec.writeBody(w, EntryCodec.utf8("line " + i), Labels.of("a", "b"));
        }
        byte[] raw = w.toArray();
        assertThrows(CorruptDataException.class, () -> DecodedBlock.parse(raw, raw.length, 4));
        for (int cut = 1; cut < raw.length; cut++) {
            byte[] shorter = Arrays.copyOf(raw, cut);
            int c = cut;
            assertThrows(CorruptDataException.class, () -> DecodedBlock.parse(shorter, c, 3), "cut at " + cut);
        }
    }
}
