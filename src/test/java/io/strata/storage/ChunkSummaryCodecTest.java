package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire form of chunk summaries between writers and readers. */
class ChunkSummaryCodecTest {
    @Test
    void roundTripsAndRefusesCutOrForeignBodies() {
        List<ChunkSummary> list = List.of(new ChunkSummary(-5, Long.MAX_VALUE, 1 << 40, 7, 3, true),
                new ChunkSummary(10, 20, 30, 40, 50, false));
        byte[] bytes = ChunkSummaryCodec.toBytes(list);
        assertEquals(list, ChunkSummaryCodec.read(new ByteArrayInputStream(bytes)));
        assertEquals(List.of(), ChunkSummaryCodec.read(new ByteArrayInputStream(ChunkSummaryCodec.toBytes(List.of()))));
        assertThrows(CorruptDataException.class,
                () -> ChunkSummaryCodec.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 1))));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(CorruptDataException.class, () -> ChunkSummaryCodec.read(new ByteArrayInputStream(longer)));
        assertThrows(CorruptDataException.class,
                () -> ChunkSummaryCodec.read(new ByteArrayInputStream("{\"a\":1}".getBytes())));
    }

    @Test
    void batchesRoundTripAndRefuseCutBodies() throws Exception {
        var batch = List.of(new ChunkSummaryCodec.StreamSummaries("{app=\"ä\"}",
                        List.of(new ChunkSummary(1, 2, 3, 4, 5, false))),
                new ChunkSummaryCodec.StreamSummaries("{}", List.of()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ChunkSummaryCodec.writeBatch(batch, out);
        byte[] bytes = out.toByteArray();
        assertEquals(batch, ChunkSummaryCodec.readBatch(new ByteArrayInputStream(bytes)));
        for (int cut : new int[] {1, 5, 20, bytes.length - 1}) {
            assertThrows(CorruptDataException.class,
                    () -> ChunkSummaryCodec.readBatch(new ByteArrayInputStream(Arrays.copyOf(bytes, cut))));
        }
        assertThrows(CorruptDataException.class,
                () -> ChunkSummaryCodec.read(new ByteArrayInputStream(bytes)), "a batch is not a list");
    }
}
