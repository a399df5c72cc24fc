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
            DecodedBlock parsed = DecodedBlock.parse(raw, raw.length, n);
            DecodedBlock built = new DecodedBlock(raw, ts, bodies, n); // the head's open-block snapshot
            for (DecodedBlock b : new DecodedBlock[] {parsed, built}) {
                assertEquals(n, b.count);
                assertArrayEquals(ts, Arrays.copyOf(b.ts, n));
                MetadataCache cache = new MetadataCache();
                for (int i = 0; i < n; i++) {
                    assertEquals(EntryCodec.lineOffset(raw, bodies[i]), b.lineOffset[i]);
                    assertEquals(lines[i].length(), b.lineLength[i]);
                    assertEquals(metadata[i], b.metadata(i, cache), "entry " + i);
                }
            }
        }
    }

    @Test
    void manyDistinctMetadataSetsOverflowTheBlockTableAndStillDecode() {
        ByteWriter w = new ByteWriter(1 << 12);
        int n = 200;
        int[] bodies = new int[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i;
            w.zigzag(i == 0 ? 0 : 1);
            bodies[i] = w.position();
            EntryCodec.writeBody(w, EntryCodec.utf8("l" + i), Labels.of("trace", "t" + (i % 40)));
        }
        byte[] raw = w.toArray();
        DecodedBlock b = DecodedBlock.parse(raw, raw.length, n);
        MetadataCache cache = new MetadataCache();
        int undecoded = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(Labels.of("trace", "t" + (i % 40)), b.metadata(i, cache));
            undecoded += b.metadataIndex[i] == DecodedBlock.UNDECODED ? 1 : 0;
        }
        assertEquals(n - 15 * 5, undecoded); // 15 sets fit beside the empty one
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
