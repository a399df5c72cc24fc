package io.strata.storage;

import java.nio.file.Files;

/** The {@link ObjectStoreContractTest} against a fresh local directory. */
class LocalDiskObjectStoreContractTest extends ObjectStoreContractTest {
    @Override
    protected ObjectStore newStore() throws Exception {
        return new LocalDiskObjectStore(Files.createTempDirectory("strata-store"));
    }

    @Override
    protected int largeObjectBytes() {
        return 3 * 1024 * 1024;
    }
}
