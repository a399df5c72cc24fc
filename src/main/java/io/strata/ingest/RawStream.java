package io.strata.ingest;

import io.strata.model.LogEntry;
import java.util.List;

/**
 * One stream of a decoded push body before validation: the label text exactly as the client
 * sent it (protobuf, legacy JSON) or rendered from the JSON map (v1), and its entries.
 */
public record RawStream(String labels, List<LogEntry> entries) {}
