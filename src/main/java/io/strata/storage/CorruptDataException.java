package io.strata.storage;

/** A stored structure (WAL record, chunk, index segment) failed its checksum or did not parse. */
final class CorruptDataException extends RuntimeException {
    CorruptDataException(String message) {
        super(message);
    }
}
