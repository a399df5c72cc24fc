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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What {@link Storage#open} does before accepting writes: read (or create) the writer id, load
 * every index segment of the object store into the tenant indexes, then replay the WAL segments
 * of every shard directory into the heads, skipping records that flushed chunks already hold.
 */
final class Opening {
    private static final System.Logger LOG = System.getLogger(Opening.class.getName());

    /** Creates the stream object for a tenant's label set (chooses its shard). */
    interface StreamFactory {
        StoredStream create(String tenant, Labels labels);
    }

    private final StorageOptions options;
    private final ObjectStore store;
    private final ConcurrentHashMap<String, TenantIndex> tenants;
    private final AtomicLong sequence;
    private final StreamFactory factory;
    private final Map<Integer, Long> lastSegment = new HashMap<>();
    private final List<WriteAheadLog.Segment> replayed = new ArrayList<>();
    private String writerId;
    private long nextIndexSequence = 1;

    Opening(StorageOptions options, ObjectStore store, ConcurrentHashMap<String, TenantIndex> tenants,
            AtomicLong sequence, StreamFactory factory) {
        this.options = options;
        this.store = store;
        this.tenants = tenants;
        this.sequence = sequence;
        this.factory = factory;
    }

    void run() {
        try {
            Files.createDirectories(walRoot());
            writerId = readOrCreateWriterId();
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
        byte[] b = new byte[5];
        new SecureRandom().nextBytes(b);
        StringBuilder sb = new StringBuilder("w");
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        Path tmp = file.resolveSibling("writer-id.tmp");
        Files.writeString(tmp, sb + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return sb.toString();
    }

    private void loadIndex() {
        Map<StoredStream, List<ChunkRef>> refs = new HashMap<>();
        long maxSeq = 0;
        for (String key : store.list("")) {
            String[] parts = key.split("/");
            if (parts.length != 4 || !parts[1].equals("index") || !parts[3].endsWith(".idx")) {
                continue;
            }
            String name = parts[3];
            if (name.startsWith(writerId + "-")) {
                try {
                    long n = Long.parseLong(name.substring(writerId.length() + 1, name.length() - 4));
                    nextIndexSequence = Math.max(nextIndexSequence, n + 1);
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
            IndexSegment segment;
            try {
                segment = IndexSegment.decode(store.get(key).orElse(new byte[0]));
            } catch (CorruptDataException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping index segment {0}: {1}", key, e.getMessage());
                continue;
            }
            TenantIndex idx = tenants.computeIfAbsent(segment.tenant(), TenantIndex::new);
            for (IndexSegment.StreamChunks sc : segment.streams()) {
                StoredStream s = idx.getOrCreate(sc.labels(), l -> factory.create(segment.tenant(), l));
                refs.computeIfAbsent(s, k -> new ArrayList<>()).addAll(sc.chunks());
                for (ChunkRef r : sc.chunks()) {
                    maxSeq = Math.max(maxSeq, r.maxSeq());
                }
            }
        }
        refs.forEach(StoredStream::loadRefs);
        sequence.set(Math.max(sequence.get(), maxSeq));
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
                    if (!s.isFlushed(seq)) {
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
