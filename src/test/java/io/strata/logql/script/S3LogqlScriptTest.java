package io.strata.logql.script;

import io.strata.logql.engine.Querier;
import io.strata.model.PushStream;
import io.strata.query.QueryContext;
import io.strata.query.StorageQuerier;
import io.strata.storage.ObjectStore;
import io.strata.storage.S3StorageFixture;
import io.strata.storage.Storage;
import io.strata.storage.StorageListener;
import io.strata.storage.StorageOptions;
import io.strata.storage.StorageStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same {@code .test} scripts and expectations as {@link LogqlScriptTest}, with the data stored
 * through {@link Storage} on {@code S3ObjectStore} against a real s3proxy process and read back
 * from S3 chunks only: each script's streams are appended and flushed by one storage (tiny chunks
 * and blocks, so a stream spans many chunk objects and blocks), which is closed; the queries then
 * run through {@link StorageQuerier} on a second storage opened on the same bucket with an empty
 * data directory, so there is no WAL and no head, and every entry comes from an S3 object.
 */
class S3LogqlScriptTest extends LogqlScriptTest {
    private static final String TENANT = "scripts";

    @RegisterExtension
    static final S3StorageFixture S3 = new S3StorageFixture();

    @TempDir
    static Path dirs;

    private static final List<AutoCloseable> OPENED = new ArrayList<>();
    private static final List<Storage> READERS = new ArrayList<>();

    @AfterAll
    static void closeStorages() throws Exception {
        long decompressed = READERS.stream().mapToLong(r -> r.stats().blocksDecompressed()).sum();
        for (AutoCloseable c : OPENED.reversed()) {
            c.close();
        }
        OPENED.clear();
        READERS.clear();
        if (decompressed == 0) {
            throw new AssertionError("the scripts never read a block of an S3 chunk");
        }
    }

    @Override
    protected QuerierFactory querierFactory() {
        return S3LogqlScriptTest::loadThroughS3;
    }

    private static Querier loadThroughS3(List<PushStream> streams) {
        String bucket = S3.createBucket();
        try (ObjectStore store = S3.store(bucket); Storage writer = Storage.open(options(newDir("write")), store)) {
            writer.append(TENANT, streams);
            writer.flushAll();
            StorageStats written = writer.stats();
            if (written.headEntries() != 0 || written.flushFailures() != 0) {
                throw new AssertionError("flush left data in the head: " + written);
            }
        }
        ObjectStore store = S3.store(bucket);
        OPENED.add(store);
        Storage reader = Storage.open(options(newDir("read")), store);
        OPENED.add(reader);
        READERS.add(reader);
        StorageStats opened = reader.stats();
        if (opened.headEntries() != 0) {
            throw new AssertionError("the reading storage has head data: " + opened);
        }
        if (!streams.isEmpty() && store.list(TENANT + "/chunks/").isEmpty()) {
            throw new AssertionError("no chunk objects in s3://" + bucket);
        }
        return new StorageQuerier(reader, QueryContext.of(TENANT));
    }

    /**
     * 1 KiB chunks of 256-byte blocks; out-of-order window (max chunk age / 2) far wider than any
     * script; timers never fire (flushes are explicit).
     */
    private static StorageOptions options(Path dir) {
        return new StorageOptions(dir, 2, 1024, 256, Duration.ofDays(3650), Duration.ofDays(3650),
                Duration.ofHours(1), Duration.ofHours(24), Clock.systemUTC(), StorageListener.NOOP);
    }

    private static Path newDir(String kind) {
        try {
            return Files.createTempDirectory(dirs, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
