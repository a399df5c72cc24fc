/**
 * Chunk and block format, head chunks and write-ahead log, label index, object stores (local disk, S3), sharding, chunk cache, retention; exposes the LogWriter and LogReader seams. Pure Java: no framework; depends only on model.
 */
package io.strata.storage;
