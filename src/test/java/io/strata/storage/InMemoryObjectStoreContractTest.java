package io.strata.storage;

/** The {@link ObjectStoreContractTest} against {@link InMemoryObjectStore} (what most tests use). */
class InMemoryObjectStoreContractTest extends ObjectStoreContractTest {
    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }

    @Override
    protected int largeObjectBytes() {
        return 3 * 1024 * 1024;
    }
}
