package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedInputStream;
import io.strata.model.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteEncoderTest {
    record Decoded(List<String> labels, List<double[]> samples) {}

    /** A minimal independent decoder of prometheus.WriteRequest. */
    static List<Decoded> decode(byte[] bytes) throws IOException {
        List<Decoded> out = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            assertEquals((1 << 3) | 2, tag);
            CodedInputStream ts = CodedInputStream.newInstance(in.readByteArray());
            List<String> labels = new ArrayList<>();
            List<double[]> samples = new ArrayList<>();
            while (!ts.isAtEnd()) {
                int t = ts.readTag();
                CodedInputStream m = CodedInputStream.newInstance(ts.readByteArray());
                if (t >>> 3 == 1) {
                    m.readTag();
                    String name = m.readString();
                    m.readTag();
                    labels.add(name + "=" + m.readString());
                } else {
                    assertEquals(2, t >>> 3);
                    assertEquals((1 << 3) | 1, m.readTag());
                    double v = m.readDouble();
                    assertEquals(2 << 3, m.readTag());
                    samples.add(new double[] {v, m.readInt64()});
                }
            }
            out.add(new Decoded(labels, samples));
        }
        return out;
    }

    @Test
    void encodesWriteRequestGroupedBySeriesWithSortedLabels() throws IOException {
        Labels a = Labels.of("__name__", "app:lines:rate1m", "app", "web", "Zone", "z");
        Labels b = Labels.of("__name__", "other", "app", "db");
        byte[] bytes = RemoteWriteEncoder.encode(List.of(new RecordedSample(a, 2.5, 2000),
                new RecordedSample(b, -1, 1000), new RecordedSample(a, 3.5, 1000)));
        List<Decoded> d = decode(bytes);
        assertEquals(2, d.size());
        assertEquals(List.of("Zone=z", "__name__=app:lines:rate1m", "app=web"), d.get(0).labels());
        assertEquals(2, d.get(0).samples().size());
        assertEquals(3.5, d.get(0).samples().get(0)[0]);
        assertEquals(1000, (long) d.get(0).samples().get(0)[1], "samples in time order");
        assertEquals(2.5, d.get(0).samples().get(1)[0]);
        assertEquals(List.of("__name__=other", "app=db"), d.get(1).labels());
        assertEquals(-1, d.get(1).samples().get(0)[0]);
    }
}
