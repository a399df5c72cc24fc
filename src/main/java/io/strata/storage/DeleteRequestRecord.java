package io.strata.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A log deletion request as stored in {@code <tenant>/deletes/<request id>} (Loki's delete
 * request, with its shards kept in one object). Times are milliseconds since the epoch, as Loki's
 * {@code model.Time}. Text format, one field a line:
 * <pre>
 * id=&lt;8 hex&gt;
 * query=&lt;URL-encoded LogQL&gt;
 * created=&lt;ms&gt;
 * shard=&lt;start ms&gt; &lt;end ms&gt; &lt;0 received | 1 processed&gt;     one line per shard, in time order
 * </pre>
 * Immutable.
 */
public record DeleteRequestRecord(String id, String query, long createdAtMillis, List<Shard> shards) {
    /** One time shard of a request; Loki splits requests with line filters by {@code max_interval}. */
    public record Shard(long startMillis, long endMillis, boolean processed) {}

    public DeleteRequestRecord {
        shards = List.copyOf(shards);
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a delete request has at least one shard");
        }
    }

    public long startMillis() {
        long s = Long.MAX_VALUE;
        for (Shard x : shards) {
            s = Math.min(s, x.startMillis());
        }
        return s;
    }

    public long endMillis() {
        long e = 0;
        for (Shard x : shards) {
            e = Math.max(e, x.endMillis());
        }
        return e;
    }

    public int processedShards() {
        int n = 0;
        for (Shard x : shards) {
            n += x.processed() ? 1 : 0;
        }
        return n;
    }

    /** Loki's status text: {@code received}, {@code processed}, or {@code NN% Complete}. */
    public String status() {
        int done = processedShards();
        if (done == 0) {
            return "received";
        }
        if (done == shards.size()) {
            return "processed";
        }
        return (int) ((double) done / shards.size() * 100) + "% Complete";
    }

    /** A copy with shard {@code i} marked processed. */
    public DeleteRequestRecord withProcessed(int i) {
        List<Shard> next = new ArrayList<>(shards);
        Shard s = next.get(i);
        next.set(i, new Shard(s.startMillis(), s.endMillis(), true));
        return new DeleteRequestRecord(id, query, createdAtMillis, next);
    }

    byte[] encode() {
        StringBuilder sb = new StringBuilder();
        sb.append("id=").append(id).append('\n');
        sb.append("query=").append(URLEncoder.encode(query, StandardCharsets.UTF_8)).append('\n');
        sb.append("created=").append(createdAtMillis).append('\n');
        for (Shard s : shards) {
            sb.append("shard=").append(s.startMillis()).append(' ').append(s.endMillis()).append(' ')
                    .append(s.processed() ? 1 : 0).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static DeleteRequestRecord decode(byte[] b) {
        String id = null;
        String query = null;
        long created = 0;
        List<Shard> shards = new ArrayList<>();
        for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "id" -> id = v;
                case "query" -> query = URLDecoder.decode(v, StandardCharsets.UTF_8);
                case "created" -> created = Long.parseLong(v);
                case "shard" -> {
                    String[] p = v.split(" ");
                    shards.add(new Shard(Long.parseLong(p[0]), Long.parseLong(p[1]), p[2].equals("1")));
                }
                default -> {
                    // a later field: ignored
                }
            }
        }
        if (id == null || query == null || shards.isEmpty()) {
            throw new CorruptDataException("not a delete request");
        }
        return new DeleteRequestRecord(id, query, created, shards);
    }
}
