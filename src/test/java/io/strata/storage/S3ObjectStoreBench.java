package io.strata.storage;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips of chunk-sized objects through {@link S3ObjectStore} to a local s3proxy
 * (filesystem backend): what the store adds on top of loopback HTTP and the server. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main S3ObjectStoreBench}; see docs/deploy.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class S3ObjectStoreBench {
    /** Loki's default target chunk size, compressed. */
    private static final int CHUNK_BYTES = 1536 * 1024;

    private final S3ProxyServer server = new S3ProxyServer();
    private S3ObjectStore store;
    private byte[] chunk;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server.beforeAll(null);
        store = new S3ObjectStore(server.options(server.createBucket()));
        chunk = new byte[CHUNK_BYTES];
        new Random(1).nextBytes(chunk);
        store.put("t/chunks/read-me", chunk);
        for (int i = 0; i < 500; i++) {
            store.put("t/index/100/w-" + i + ".idx", new byte[64]);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        store.close();
        server.afterAll(null);
    }

    @Benchmark
    public void putChunk() {
        store.put("t/chunks/" + (next++ & 63), chunk);
    }

    @Benchmark
    public byte[] getChunk() {
        return store.get("t/chunks/read-me").orElseThrow();
    }

    @Benchmark
    public List<String> list500Keys() {
        return store.list("t/index/100/");
    }
}
