package io.strata.ruler;

import com.google.protobuf.CodedOutputStream;
import io.strata.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-encodes Prometheus' {@code prometheus.WriteRequest} (remote write 1.0):
 * {@code WriteRequest{repeated TimeSeries timeseries = 1}}, {@code TimeSeries{repeated Label labels = 1;
 * repeated Sample samples = 2}}, {@code Label{string name = 1; string value = 2}},
 * {@code Sample{double value = 1; int64 timestamp = 2}} (ms). Samples of the same series are grouped
 * into one TimeSeries in time order; labels are sorted by name, as receivers require.
 */
final class RemoteWriteEncoder {
    private RemoteWriteEncoder() {}

    static byte[] encode(List<RecordedSample> samples) {
        Map<Labels, List<RecordedSample>> bySeries = new LinkedHashMap<>();
        for (RecordedSample s : samples) {
            bySeries.computeIfAbsent(s.labels(), k -> new java.util.ArrayList<>()).add(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * samples.size() + 16);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Map.Entry<Labels, List<RecordedSample>> e : bySeries.entrySet()) {
                List<RecordedSample> points = e.getValue();
                points.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
                out.writeTag(1, 2);
                out.writeUInt32NoTag(timeSeriesSize(e.getKey(), points));
                Labels labels = e.getKey();
                for (int i = 0; i < labels.size(); i++) {
                    out.writeTag(1, 2);
                    out.writeUInt32NoTag(labelSize(labels.name(i), labels.value(i)));
                    out.writeString(1, labels.name(i));
                    out.writeString(2, labels.value(i));
                }
                for (RecordedSample p : points) {
                    out.writeTag(2, 2);
                    out.writeUInt32NoTag(sampleSize(p));
                    out.writeDouble(1, p.value());
                    out.writeInt64(2, p.timestampMillis());
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int labelSize(String name, String value) {
        return CodedOutputStream.computeStringSize(1, name) + CodedOutputStream.computeStringSize(2, value);
    }

    private static int sampleSize(RecordedSample p) {
        return CodedOutputStream.computeDoubleSize(1, p.value()) + CodedOutputStream.computeInt64Size(2,
                p.timestampMillis());
    }

    private static int timeSeriesSize(Labels labels, List<RecordedSample> points) {
        int size = 0;
        for (int i = 0; i < labels.size(); i++) {
            int l = labelSize(labels.name(i), labels.value(i));
            size += CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(l) + l;
        }
        for (RecordedSample p : points) {
            int s = sampleSize(p);
            size += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(s) + s;
        }
        return size;
    }
}
