package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * What a query returns, in the shapes of Loki's {@code resultType}: {@code streams} for log
 * queries, {@code matrix} for range metric queries, {@code vector} for instant metric queries,
 * {@code scalar} for an instant query that is only a literal. Entry timestamps are nanoseconds;
 * sample timestamps are milliseconds (Loki renders them as seconds with three decimals).
 * Lists are in the order the HTTP layer must render.
 */
public sealed interface QueryResult {
    /** Log query result: streams sorted by label string, entries in query direction. */
    record Streams(List<LogStream> streams) implements QueryResult {
        public Streams {
            streams = List.copyOf(streams);
        }

        public int entryCount() {
            int n = 0;
            for (LogStream s : streams) {
                n += s.entries().size();
            }
            return n;
        }
    }

    /** Range metric result: series in label order, points by ascending time. */
    record Matrix(List<Series> series) implements QueryResult {
        public Matrix {
            series = List.copyOf(series);
        }
    }

    /** Instant metric result: in label order unless the query sorts by value. */
    record Vector(List<Sample> samples) implements QueryResult {
        public Vector {
            samples = List.copyOf(samples);
        }
    }

    /** Instant result of a literal-only query. */
    record Scalar(long timestampMillis, double value) implements QueryResult {}

    /**
     * One output stream. {@code labels} is the full final label set (stream, structured metadata,
     * parsed and error labels), which is what groups entries when the client did not ask for
     * categorised labels.
     */
    record LogStream(Labels labels, List<Entry> entries) {
        public LogStream {
            Objects.requireNonNull(labels, "labels");
            entries = List.copyOf(entries);
        }
    }

    /**
     * One log entry of a result. {@code streamLabels}, {@code structuredMetadata} and
     * {@code parsed} split the final labels by category (for {@code categorize-labels}
     * responses); parsed includes {@code __error__}/{@code __error_details__}.
     */
    record Entry(long timestampNanos, String line, Labels streamLabels, Labels structuredMetadata, Labels parsed) {
        public Entry {
            Objects.requireNonNull(line, "line");
        }
    }

    record Series(Labels labels, List<Point> points) {
        public Series {
            Objects.requireNonNull(labels, "labels");
            points = List.copyOf(points);
        }
    }

    /** Record equality compares values with {@link Double#compare}, so NaN equals NaN. */
    record Point(long timestampMillis, double value) {}

    record Sample(Labels labels, long timestampMillis, double value) {
        public Sample {
            Objects.requireNonNull(labels, "labels");
        }
    }
}
