package io.strata.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.model.Labels;
import io.strata.storage.StreamInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Loki's response bodies with jackson-core's {@link JsonGenerator}, keys in Loki's order
 * (API.md §2.4–2.6): {@code streams} results with and without {@code categorize-labels}, the full
 * {@code stats} object, label lists and series.
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

    /** A log query result as {@code streams}. */
    static byte[] streams(SelectorQuery.Result r, boolean categorize, Stats stats) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("resultType", "streams");
            if (categorize) {
                g.writeArrayFieldStart("encodingFlags");
                g.writeString("categorize-labels");
                g.writeEndArray();
            }
            g.writeArrayFieldStart("result");
            for (var group : group(r, categorize)) {
                g.writeStartObject();
                g.writeFieldName("stream");
                writeLabels(g, group.labels);
                g.writeArrayFieldStart("values");
                for (SelectorQuery.Entry e : group.entries) {
                    g.writeStartArray();
                    g.writeString(Long.toString(e.timestampNanos()));
                    g.writeString(e.line());
                    if (categorize) {
                        g.writeStartObject();
                        if (!e.metadata().isEmpty()) {
                            g.writeFieldName("structuredMetadata");
                            writeLabels(g, e.metadata());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("stats");
            stats.write(g);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private record Group(Labels labels, List<SelectorQuery.Entry> entries) {}

    /** Entries grouped by result stream: indexed labels, or (without categorize) labels plus metadata. */
    private static Collection<Group> group(SelectorQuery.Result r, boolean categorize) {
        Map<Labels, Group> groups = new LinkedHashMap<>();
        for (SelectorQuery.Entry e : r.entries()) {
            StreamInfo s = r.streams().get(e.streamIndex());
            Labels indexed = s.labels();
            Labels key = indexed;
            if (!categorize && !e.metadata().isEmpty()) {
                Labels.Builder b = indexed.toBuilder();
                e.metadata().forEach((n, v) -> b.set(indexed.has(n) ? n + "_extracted" : n, v));
                key = b.build();
            }
            groups.computeIfAbsent(key, k -> new Group(k, new ArrayList<>())).entries.add(e);
        }
        List<Group> out = new ArrayList<>(groups.values());
        out.sort((a, b) -> a.labels.compareTo(b.labels));
        return out;
    }

    static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    /** Figures for the {@code stats} object; everything else is emitted as zero. */
    record Stats(long bytesProcessed, long linesProcessed, long entriesReturned, long execNanos, long streams,
            long headChunkBytes, long headChunkLines) {

        void write(JsonGenerator g) throws IOException {
            double execSeconds = execNanos / 1e9;
            g.writeStartObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("bytesProcessedPerSecond", perSecond(bytesProcessed));
            g.writeNumberField("linesProcessedPerSecond", perSecond(linesProcessed));
            g.writeNumberField("totalBytesProcessed", bytesProcessed);
            g.writeNumberField("totalLinesProcessed", linesProcessed);
            g.writeNumberField("execTime", execSeconds);
            g.writeNumberField("queueTime", 0.0);
            g.writeNumberField("subqueries", 0);
            g.writeNumberField("totalEntriesReturned", entriesReturned);
            g.writeNumberField("splits", 0);
            g.writeNumberField("shards", 0);
            g.writeNumberField("totalPostFilterLines", linesProcessed);
            g.writeNumberField("totalStructuredMetadataBytesProcessed", 0);
            g.writeEndObject();
            g.writeObjectFieldStart("querier");
            g.writeFieldName("store");
            writeStore(g, true);
            g.writeNumberField("querierExecTime", 0.0);
            g.writeEndObject();
            g.writeObjectFieldStart("ingester");
            g.writeNumberField("totalReached", 0);
            g.writeNumberField("totalChunksMatched", 0);
            g.writeNumberField("totalBatches", 0);
            g.writeNumberField("totalLinesSent", 0);
            g.writeFieldName("store");
            writeStore(g, false);
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
            g.writeNumberField("totalChunks", 0);
            g.writeNumberField("postFilterChunks", 0);
            g.writeNumberField("shardsDuration", 0);
            g.writeBooleanField("usedBloomFilters", false);
            g.writeNumberField("totalStreams", streams);
            g.writeNumberField("chunkRefsLookupTime", 0.0);
            g.writeNumberField("bloomFilterTime", 0.0);
            g.writeEndObject();
            g.writeEndObject();
        }

        private void writeStore(JsonGenerator g, boolean withData) throws IOException {
            g.writeStartObject();
            g.writeNumberField("totalChunksRef", 0);
            g.writeNumberField("totalChunksDownloaded", 0);
            g.writeNumberField("chunksDownloadTime", 0);
            g.writeBooleanField("queryReferencedStructuredMetadata", false);
            g.writeBooleanField("queryUsedV2Engine", false);
            g.writeObjectFieldStart("chunk");
            g.writeNumberField("headChunkBytes", withData ? headChunkBytes : 0);
            g.writeNumberField("headChunkLines", withData ? headChunkLines : 0);
            g.writeNumberField("decompressedBytes", 0);
            g.writeNumberField("decompressedLines", 0);
            g.writeNumberField("compressedBytes", 0);
            g.writeNumberField("totalDuplicates", 0);
            g.writeNumberField("postFilterLines", withData ? headChunkLines : 0);
            g.writeNumberField("headChunkStructuredMetadataBytes", 0);
            g.writeNumberField("decompressedStructuredMetadataBytes", 0);
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

        private long perSecond(long n) {
            return execNanos <= 0 ? 0 : (long) (n / (execNanos / 1e9));
        }
    }
}
