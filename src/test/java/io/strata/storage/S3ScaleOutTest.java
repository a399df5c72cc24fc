package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.model.Direction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A writer and a read-only reader sharing an s3proxy bucket under a key prefix: open, sync, forget. */
class S3ScaleOutTest {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    @Test
    void readerFollowsTheWriterThroughTheBucket() {
        String bucket = S3.createBucket();
        TestClock clock = Fixtures.clock();
        try (S3ObjectStore ws = new S3ObjectStore(S3.options(bucket).withPrefix("cluster").withListPageSize(2));
                S3ObjectStore rs = new S3ObjectStore(S3.options(bucket).withPrefix("cluster").withListPageSize(2));
                S3ObjectStore other = new S3ObjectStore(S3.options(bucket).withPrefix("elsewhere"))) {
            other.put("ghost/index/0/x-000000000001.idx", new byte[] {1}); // another prefix: never seen
            try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock).withWriterId("writer-1"), ws)) {
                for (String tenant : List.of("a", "b", "c", "team-d")) {
                    push(w, tenant, APP, e(1, tenant + "1"));
                }
                w.flushAll();
                try (Storage r = Storage.open(Fixtures.options(dir.resolve("r"), clock).withReadOnly(true), rs)) {
                    assertEquals(List.of("a", "b", "c", "team-d"), rs.listDirectories(""));
                    assertEquals(List.of("1 team-d1"), readAll(r, "team-d", APP, Direction.FORWARD));
                    push(w, "b", WEB, e(2, "web"));
                    w.flushAll();
                    assertEquals(new SyncResult(1, 0), r.syncIndex());
                    assertEquals(List.of("2 web"), readAll(r, "b", WEB, Direction.FORWARD));
                    List<String> segments = ws.list("b/index/");
                    segments.forEach(ws::delete);
                    assertEquals(new SyncResult(0, 2), r.syncIndex());
                    assertEquals(List.of(), r.streams("b", List.of(), Long.MIN_VALUE, Long.MAX_VALUE));
                    assertEquals(List.of("1 a1"), readAll(r, "a", APP, Direction.FORWARD));
                }
            }
        }
    }
}
