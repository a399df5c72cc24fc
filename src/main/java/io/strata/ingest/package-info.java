/**
 * Push path: decoding (JSON, protobuf + snappy, gzip/deflate), validation with Loki's messages and status codes, ingest-time enrichment (service_name, detected_level), rate limits; hands valid streams to storage's LogWriter. Uses storage, tenant, metrics, model.
 */
package io.strata.ingest;
