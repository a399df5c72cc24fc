package io.strata.storage;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link ObjectStoreContractTest} against a real s3proxy, one fresh bucket per test. The list
 * page size is 4 so every listing test also walks S3's continuation tokens, and the large object
 * (20 MiB) crosses the default 16 MiB multipart threshold.
 */
class S3ObjectStoreContractTest extends ObjectStoreContractTest {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @Override
    protected ObjectStore newStore() {
        return new S3ObjectStore(S3.options(S3.createBucket()).withListPageSize(4));
    }
}
