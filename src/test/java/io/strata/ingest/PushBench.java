package io.strata.ingest;

import com.google.protobuf.CodedOutputStream;
import io.strata.metrics.IngestMetrics;
import io.strata.model.Labels;
import io.strata.model.PushStream;
import io.strata.storage.LogWriter;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * The push path without storage: decode (snappy+protobuf or JSON) and validate/enrich one request
 * of {@link #STREAMS} streams x {@link #ENTRIES} logfmt lines (~{@code 180} bytes each) into a
 * writer that discards. Rates are given in requests/s; multiply by {@link #requestBytes} for bytes/s.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main
 * PushBench -wi 2 -i 3 -f 1}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class PushBench {
    static final int STREAMS = 10;
    static final int ENTRIES = 1000;

    byte[] protobufSnappy;
    byte[] json;
    long requestBytes;
    PushBodyReader reader;
    Distributor distributor;

    @Setup
    public void setUp() throws IOException {
        long now = System.currentTimeMillis() * 1_000_000L;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(req);
        StringBuilder js = new StringBuilder("{\"streams\":[");
        for (int s = 0; s < STREAMS; s++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            CodedOutputStream so = CodedOutputStream.newInstance(stream);
            String labels = "{app=\"bench\", pod=\"pod-" + s + "\", namespace=\"prod\"}";
            so.writeString(1, labels);
            js.append(s > 0 ? "," : "").append("{\"stream\":{\"app\":\"bench\",\"pod\":\"pod-").append(s)
                    .append("\",\"namespace\":\"prod\"},\"values\":[");
            for (int e = 0; e < ENTRIES; e++) {
                long ts = now - (ENTRIES - e) * 1000L;
                String line = "ts=2026-11-21T12:00:00Z level=" + (e % 10 == 0 ? "error" : "info")
                        + " caller=handler.go:42 msg=\"request served\" method=GET path=/api/v1/items/" + e
                        + " status=200 duration=" + (e % 97) + "ms trace_id=0af7651916cd43dd8448eb211c80319c";
                requestBytes += line.length();
                ByteArrayOutputStream entry = new ByteArrayOutputStream();
                CodedOutputStream eo = CodedOutputStream.newInstance(entry);
                ByteArrayOutputStream tsb = new ByteArrayOutputStream();
                CodedOutputStream to = CodedOutputStream.newInstance(tsb);
                to.writeInt64(1, ts / 1_000_000_000L);
                to.writeInt32(2, (int) (ts % 1_000_000_000L));
                to.flush();
                eo.writeByteArray(1, tsb.toByteArray());
                eo.writeString(2, line);
                eo.flush();
                so.writeByteArray(2, entry.toByteArray());
                js.append(e > 0 ? "," : "").append("[\"").append(ts).append("\",\"")
                        .append(line.replace("\"", "\\\"")).append("\"]");
            }
            so.flush();
            r.writeByteArray(1, stream.toByteArray());
            js.append("]}");
        }
        r.flush();
        protobufSnappy = Snappy.compress(req.toByteArray());
        json = js.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        reader = new PushBodyReader(100L << 20, 1L << 30);
        Limits unlimited = Limits.defaults();
        unlimited = new Limits(1e9, 1e9, unlimited.maxLineSize(), false, 15, 1024, 2048, true,
                unlimited.rejectOldSamplesMaxAge(), unlimited.creationGracePeriod(), 0, 0, 0, 0, 5000,
                unlimited.maxQueryLength(), unlimited.maxQueryLookback(), 500, unlimited.queryTimeout(),
                unlimited.discoverServiceName(), true, unlimited.logLevelFields(), 2, true, 64 * 1024, 128);
        distributor = new Distributor(new DiscardingWriter(), new TenantLimits(unlimited), Clock.systemUTC(),
                IngestMetrics.unregistered());
    }

    @Benchmark
    public List<RawStream> decodeProtobuf() {
        return reader.read("application/x-protobuf", "", protobufSnappy, false);
    }

    @Benchmark
    public List<RawStream> decodeJson() {
        return reader.read("application/json", "", json, false);
    }

    @Benchmark
    public void decodeAndValidateProtobuf() {
        distributor.push("bench", reader.read("application/x-protobuf", "", protobufSnappy, false));
    }

    static final class DiscardingWriter implements LogWriter {
        @Override
        public void append(String tenant, List<PushStream> streams) {}

        @Override
        public long activeStreams(String tenant) {
            return 0;
        }

        @Override
        public boolean isActive(String tenant, Labels labels) {
            return true;
        }
    }
}
