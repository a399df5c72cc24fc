package io.strata.compactor;

import io.strata.storage.LocalDiskObjectStore;
import io.strata.storage.ObjectStore;
import java.nio.file.Path;

/** {@link CompactorTest} over {@link LocalDiskObjectStore}. */
class CompactorLocalDiskTest extends CompactorTest {
    @Override
    ObjectStore newStore(Path root) {
        return new LocalDiskObjectStore(root);
    }
}
