package io.strata.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.model.Labels;
import io.strata.query.IndexStatistics;
import io.strata.query.QueryStatistics;
import io.strata.query.VolumeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Writes Loki's response bodies with jackson-core's {@link JsonGenerator}, keys in Loki's order
 * (API.md §2.5–2.8): the full {@code stats} object, label lists, series, index stats, volume and
 * {@code format_query}. Query results are in {@link QueryResultJson}.
 */
final class ResponseJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ResponseJson() {}

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code {"status":"success","data":[..]}}; without {@code data} when empty, as Loki does. */
    static byte[] labelValues(Collection<String> values) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            if (!values.isEmpty()) {
                g.writeArrayFieldStart("data");
                for (String v : values) {
                    g.writeString(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** Legacy {@code /api/prom/label*}: {@code {"values":[..]}}. */
    static byte[] legacyValues(Collection<String> values) {
        return render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("values");
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static byte[] series(Collection<Labels> series) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeArrayFieldStart("data");
            for (Labels l : series) {
                writeLabels(g, l);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code index/stats}: a bare object, no envelope. */
    static byte[] indexStats(IndexStatistics st) {
        return render(g -> {
            g.writeStartObject();
            g.writeNumberField("streams", st.streams());
            g.writeNumberField("chunks", st.chunks());
            g.writeNumberField("bytes", st.bytes());
            g.writeNumberField("entries", st.entries());
            g.writeEndObject();
        });
    }

    /**
     * {@code index/volume} and {@code volume_range}: a matrix when some series has several points,
     * else a vector (Loki decides by the result, not the endpoint); values are bytes as strings.
     */
    static byte[] volume(VolumeResult result, QueryStatistics stats) {
        boolean range = result.matrix();
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("resultType", range ? "matrix" : "vector");
            g.writeArrayFieldStart("result");
            for (VolumeResult.Series s : result.series()) {
                g.writeStartObject();
                g.writeFieldName("metric");
                writeLabels(g, s.labels());
                if (range) {
                    g.writeArrayFieldStart("values");
                    for (VolumeResult.Point p : s.points()) {
                        volumePoint(g, p);
                    }
                    g.writeEndArray();
                } else {
                    g.writeFieldName("value");
                    volumePoint(g, s.points().get(0));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("stats");
            writeStats(g, stats);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void volumePoint(JsonGenerator g, VolumeResult.Point p) throws IOException {
        g.writeStartArray();
        g.writeNumber(QueryResultJson.seconds(Math.floorDiv(p.timestampNanos(), 1_000_000L)));
        g.writeString(Long.toString(p.bytes()));
        g.writeEndArray();
    }

    /** {@code format_query} (3.x): {@code {"status":"success","data":".."}} or {@code invalid-query} with the error. */
    static byte[] formatQuery(String formatted, String error) {
        return render(g -> {
            g.writeStartObject();
            if (error == null) {
                g.writeStringField("status", "success");
                g.writeStringField("data", formatted);
            } else {
                g.writeStringField("status", "invalid-query");
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        });
    }

    static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    /**
     * The {@code stats} object with every key of Loki 3.x's {@code stats.proto}; the figures come
     * from {@link QueryStatistics} (lines/bytes read from storage, streams selected, entries
     * returned, execution time, flushed chunks referenced and their compressed size as the store's
     * and the index's chunk counts, head chunks as the ingester's); everything Strata cannot
     * attribute per query (cache traffic, head vs store lines, queue time) is zero.
     */
    static void writeStats(JsonGenerator g, QueryStatistics st) throws IOException {
        long bytes = st.bytesProcessed() + st.structuredMetadataBytesProcessed();
        long lines = st.linesProcessed();
        double exec = st.execSeconds();
        g.writeStartObject();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("bytesProcessedPerSecond", exec <= 0 ? 0 : (long) (bytes / exec));
        g.writeNumberField("linesProcessedPerSecond", exec <= 0 ? 0 : (long) (lines / exec));
        g.writeNumberField("totalBytesProcessed", bytes);
        g.writeNumberField("totalLinesProcessed", lines);
        g.writeNumberField("execTime", exec);
        g.writeNumberField("queueTime", 0.0);
        g.writeNumberField("subqueries", 0);
        g.writeNumberField("totalEntriesReturned", st.entriesReturned());
        g.writeNumberField("splits", 0);
        g.writeNumberField("shards", 0);
        g.writeNumberField("totalPostFilterLines", lines);
        g.writeNumberField("totalStructuredMetadataBytesProcessed", st.structuredMetadataBytesProcessed());
        g.writeEndObject();
        g.writeObjectFieldStart("querier");
        g.writeFieldName("store");
        writeStore(g, st.bytesProcessed(), lines, st.structuredMetadataBytesProcessed(), st.storeChunks(),
                st.storeCompressedBytes());
        g.writeNumberField("querierExecTime", exec);
        g.writeEndObject();
        g.writeObjectFieldStart("ingester");
        g.writeNumberField("totalReached", st.headChunks() > 0 ? 1 : 0);
        g.writeNumberField("totalChunksMatched", st.headChunks());
        g.writeNumberField("totalBatches", 0);
        g.writeNumberField("totalLinesSent", 0);
        g.writeFieldName("store");
        writeStore(g, 0, 0, 0, 0, 0);
        g.writeEndObject();
        g.writeObjectFieldStart("cache");
        for (String c : new String[] {"chunk", "index", "result", "statsResult", "volumeResult", "seriesResult",
            "labelResult", "instantMetricResult", "logResult", "taskResult"}) {
            g.writeObjectFieldStart(c);
            for (String f : new String[] {"entriesFound", "entriesRequested", "entriesStored", "bytesReceived",
                "bytesSent", "requests", "downloadTime", "queryLengthServed"}) {
                g.writeNumberField(f, 0);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("index");
        g.writeNumberField("totalChunks", st.storeChunks());
        g.writeNumberField("postFilterChunks", st.storeChunks());
        g.writeNumberField("shardsDuration", 0);
        g.writeBooleanField("usedBloomFilters", false);
        g.writeNumberField("totalStreams", st.streams());
        g.writeNumberField("chunkRefsLookupTime", 0.0);
        g.writeNumberField("bloomFilterTime", 0.0);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeStore(JsonGenerator g, long bytes, long lines, long metadataBytes, long chunks,
            long compressedBytes) throws IOException {
        g.writeStartObject();
        g.writeNumberField("totalChunksRef", chunks);
        g.writeNumberField("totalChunksDownloaded", chunks);
        g.writeNumberField("chunksDownloadTime", 0);
        g.writeBooleanField("queryReferencedStructuredMetadata", metadataBytes > 0);
        g.writeBooleanField("queryUsedV2Engine", false);
        g.writeObjectFieldStart("chunk");
        g.writeNumberField("headChunkBytes", 0);
        g.writeNumberField("headChunkLines", 0);
        g.writeNumberField("decompressedBytes", bytes);
        g.writeNumberField("decompressedLines", lines);
        g.writeNumberField("compressedBytes", compressedBytes);
        g.writeNumberField("totalDuplicates", 0);
        g.writeNumberField("postFilterLines", lines);
        g.writeNumberField("headChunkStructuredMetadataBytes", 0);
        g.writeNumberField("decompressedStructuredMetadataBytes", metadataBytes);
        g.writeEndObject();
        g.writeNumberField("chunkRefsFetchTime", 0);
        g.writeNumberField("congestionControlLatency", 0);
        g.writeNumberField("pipelineWrapperFilteredLines", 0);
        g.writeObjectFieldStart("dataobj");
        for (String f : new String[] {"prePredicateDecompressedRows", "prePredicateDecompressedBytes",
            "prePredicateDecompressedStructuredMetadataBytes", "postPredicateRows",
            "postPredicateDecompressedBytes", "postPredicateStructuredMetadataBytes", "postFilterRows",
            "pagesScanned", "pagesDownloaded", "pagesDownloadedBytes", "pageBatches", "totalRowsAvailable",
            "totalPageDownloadTime", "wireBytesTransferred"}) {
            g.writeNumberField(f, 0);
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
