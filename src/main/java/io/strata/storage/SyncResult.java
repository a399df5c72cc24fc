package io.strata.storage;

/**
 * What one {@link Storage#syncIndex()} changed: index segments newly loaded from the object store
 * and segments forgotten because they disappeared from it.
 */
public record SyncResult(int added, int removed) {}
