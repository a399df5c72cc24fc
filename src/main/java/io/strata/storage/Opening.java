package io.strata.storage;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What {@link Storage#open} does before accepting writes: read (or create) the writer id, load
 * every index segment of the object store into the tenant indexes (listing {@code <tenant>/index/}
 * per tenant, never the chunk keys), then replay the WAL segments of every shard directory into
 * the heads, skipping records that chunks flushed by THIS writer already hold (sequence numbers are
 * per writer: another writer's refs never cause a skip). Read-only storage only loads the index.
 */
final class Opening {
    private static final System.Logger LOG = System.getLogger(Opening.class.getName());
    private static final int MAX_WRITER_ID = 32;

    /** Creates the stream object for a tenant's label set (chooses its shard). */
    interface StreamFactory {
        StoredStream create(String tenant, Labels labels);
    }

    private final StorageOptions options;
    private final ConcurrentHashMap<String, TenantIndex> tenants;
    private final AtomicLong sequence;
    private final StreamFactory factory;
    private final IndexSync sync;
    private final LoadedSegments loaded;
    private final Map<Integer, Long> lastSegment = new HashMap<>();
    private final List<WriteAheadLog.Segment> replayed = new ArrayList<>();
    private final Map<StoredStream, List<ChunkRef>> ownRefs = new IdentityHashMap<>();
    private String writerId;
    private long nextIndexSequence = 1;

    Opening(StorageOptions options, ConcurrentHashMap<String, TenantIndex> tenants, AtomicLong sequence,
            StreamFactory factory, IndexSync sync, LoadedSegments loaded) {
        this.options = options;
        this.tenants = tenants;
        this.sequence = sequence;
        this.factory = factory;
        this.sync = sync;
        this.loaded = loaded;
    }

    void run() {
        try {
            if (options.readOnly()) {
                Files.createDirectories(options.dataDir());
                sync.run((key, segment, refs) -> {});
                return;
            }
            Files.createDirectories(walRoot());
            writerId = readOrCreateWriterId();
            sync.writerId(writerId);
            loadIndex();
            replayWal();
        } catch (IOException e) {
            throw new StrataException(ErrorCategory.UNAVAILABLE,
                    "cannot open data directory " + options.dataDir() + ": " + e.getMessage(), e);
        }
    }

    Path walRoot() {
        return options.dataDir().resolve("wal");
    }

    /** This process's writer id; null when read-only. */
    String writerId() {
        return writerId;
    }

    long nextIndexSequence() {
        return nextIndexSequence;
    }

    long nextSegmentNumber(int shard) {
        return lastSegment.getOrDefault(shard, 0L) + 1;
    }

    List<WriteAheadLog.Segment> replayedSegments() {
        return replayed;
    }

    private String readOrCreateWriterId() throws IOException {
        Path file = options.dataDir().resolve("writer-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (id.matches("[a-z0-9]{1,32}")) {
                return id;
            }
        }
        String id = sanitize(options.writerId());
        if (id.isEmpty()) {
            byte[] b = new byte[5];
            new SecureRandom().nextBytes(b);
            StringBuilder sb = new StringBuilder("w");
            for (byte x : b) {
                sb.append(String.format("%02x", x));
            }
            id = sb.toString();
        }
        Path tmp = file.resolveSibling("writer-id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    /** Lower case, only {@code [a-z0-9]}, at most 32 characters; empty for null. */
    static String sanitize(String wanted) {
        if (wanted == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : wanted.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
                if (sb.length() == MAX_WRITER_ID) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    /**
     * The number a segment name of this writer starts with ({@code <writer id>-<n>.idx}, or a compacted
     * {@code <writer id>-<n>c<k>.idx}); -1 when the name is another writer's or has no leading number.
     */
    static long ownSequence(String name, String writerId) {
        if (!name.startsWith(writerId + "-") || !name.endsWith(".idx")) {
            return -1;
        }
        int i = writerId.length() + 1;
        int end = i;
        while (end < name.length() && end - i < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == i ? -1 : Long.parseLong(name, i, end, 10);
    }

    private void loadIndex() {
        long[] maxSeq = {0};
        String prefix = writerId + "-";
        sync.run((key, segment, refs) -> {
            if (!IndexSync.segmentName(key).startsWith(prefix)) {
                return;
            }
            for (LoadedSegments.StreamRefs sr : refs) {
                ownRefs.computeIfAbsent(sr.stream(), k -> new ArrayList<>()).addAll(sr.refs());
                for (ChunkRef r : sr.refs()) {
                    maxSeq[0] = Math.max(maxSeq[0], r.maxSeq());
                }
            }
        });
        for (String key : loaded.keys()) {
            nextIndexSequence = Math.max(nextIndexSequence, ownSequence(IndexSync.segmentName(key), writerId) + 1);
        }
        sequence.set(Math.max(sequence.get(), maxSeq[0]));
    }

    /** Whether a flushed chunk of this writer holds the WAL record {@code seq} of the stream. */
    private boolean flushedByUs(StoredStream s, long seq) {
        List<ChunkRef> refs = ownRefs.get(s);
        if (refs != null) {
            for (ChunkRef r : refs) {
                if (r.coversSeq(seq)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void replayWal() throws IOException {
        long start = System.nanoTime();
        long records = 0;
        long[] entries = {0};
        List<Path> shardDirs;
        try (Stream<Path> dirs = Files.list(walRoot())) {
            shardDirs = dirs.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("\\d{1,6}"))
                    .sorted().toList();
        }
        long now = options.clock().millis();
        Set<StoredStream> touched = new HashSet<>();
        for (Path dir : shardDirs) {
            int shard = Integer.parseInt(dir.getFileName().toString());
            List<Path> segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(p -> p.getFileName().toString().matches("\\d+\\.wal")).sorted().toList();
            }
            for (Path seg : segments) {
                String n = seg.getFileName().toString();
                lastSegment.merge(shard, Long.parseLong(n.substring(0, n.length() - 4)), Math::max);
                WalReader.Result r = WalReader.read(seg, (seq, payload, len) -> {
                    ByteReader in = new ByteReader(payload, 9, len);
                    String tenant = in.string();
                    Labels labels = EntryCodec.readLabels(in);
                    TenantIndex idx = tenants.computeIfAbsent(tenant, TenantIndex::new);
                    StoredStream s = idx.getOrCreate(labels, l -> factory.create(tenant, l));
                    if (!flushedByUs(s, seq)) {
                        s.apply(seq, payload, in.position(), len, now, options.blockBytes());
                        touched.add(s);
                        entries[0]++;
                    }
                });
                records += r.records();
                replayed.add(new WriteAheadLog.Segment(seg, r.maxSeq()));
                sequence.set(Math.max(sequence.get(), r.maxSeq()));
                if (r.torn()) {
                    LOG.log(System.Logger.Level.WARNING, "WAL segment {0} had a torn or corrupt tail; truncated", seg);
                }
            }
        }
        for (StoredStream s : touched) {
            s.cutIfFull(options.targetChunkBytes());
        }
        options.listener().walReplayed(records, entries[0], System.nanoTime() - start);
    }
}
