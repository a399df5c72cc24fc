package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart replays the WAL; a torn or corrupted tail is cut off, everything before it survives. */
class WalRecoveryTest {
    @TempDir
    Path dir;

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private StorageOptions options() {
        return Fixtures.options(dir, Fixtures.clock()).withShards(1);
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("wal"))) {
            List<Path> segs = files.filter(p -> p.toString().endsWith(".wal"))
                    .filter(p -> p.toFile().length() > WriteAheadLog.HEADER_BYTES).toList();
            assertEquals(1, segs.size(), segs.toString());
            return segs.get(0);
        }
    }

    private void writeThree() {
        try (Storage s = Storage.open(options(), store)) {
            push(s, "t1", APP, e(1, "first"));
            push(s, "t1", APP, e(2, "second"));
            push(s, "t1", APP, e(3, "third"));
        }
    }

    @Test
    void replayRestoresEveryAcknowledgedEntry() {
        writeThree();
        try (Storage s = Storage.open(options(), store)) {
            assertEquals(List.of("1 first", "2 second", "3 third"), readAll(s, "t1", APP, Direction.FORWARD));
            push(s, "t1", APP, e(4, "fourth"));
        }
        try (Storage s = Storage.open(options(), store)) {
            assertEquals(4, readAll(s, "t1", APP, Direction.FORWARD).size());
            assertEquals(1, s.activeStreams("t1"));
        }
    }

    @Test
    void tornTailIsIgnored() throws IOException {
        writeThree();
        Path seg = onlySegment();
        long size = Files.size(seg);
        for (int cut = 1; cut < 12; cut++) {
            Path copy = seg.resolveSibling("copy");
            Files.copy(seg, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel c = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                c.truncate(size - cut);
            }
            try (Storage s = Storage.open(options(), store)) {
                assertEquals(List.of("1 first", "2 second"), readAll(s, "t1", APP, Direction.FORWARD), "cut " + cut);
            }
            assertTrue(Files.size(seg) < size - cut + 1, "torn record truncated away");
            Files.move(copy, seg, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            deleteNewSegments(seg);
        }
    }

    @Test
    void corruptedRecordEndsTheSegment() throws IOException {
        writeThree();
        Path seg = onlySegment();
        byte[] b = Files.readAllBytes(seg);
        b[b.length - 3] ^= 0x5A; // inside the last record's line
        Files.write(seg, b);
        try (Storage s = Storage.open(options(), store)) {
            assertEquals(List.of("1 first", "2 second"), readAll(s, "t1", APP, Direction.FORWARD));
            push(s, "t1", APP, e(5, "after restart"));
        }
        try (Storage s = Storage.open(options(), store)) {
            assertEquals(List.of("1 first", "2 second", "5 after restart"), readAll(s, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void garbageAppendedAfterTheLastRecordIsIgnored() throws IOException {
        writeThree();
        Path seg = onlySegment();
        Files.write(seg, new byte[] {(byte) 0xFF, 0x00, 0x00, 0x10, 1, 2, 3}, StandardOpenOption.APPEND);
        try (Storage s = Storage.open(options(), store)) {
            assertEquals(3, readAll(s, "t1", APP, Direction.FORWARD).size());
        }
    }

    private void deleteNewSegments(Path keep) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("wal"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".wal")).toList()) {
                if (!p.equals(keep)) {
                    Files.delete(p);
                }
            }
        }
    }
}
