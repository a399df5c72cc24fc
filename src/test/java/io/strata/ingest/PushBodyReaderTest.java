package io.strata.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class PushBodyReaderTest {
    private static final byte[] JSON = "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"l\"]]}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void rawDeflateAndMediaTypeParameters() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, true))) {
            d.write(JSON);
        }
        var streams = new PushBodyReader(1 << 20, 1 << 20)
                .read("Application/JSON; charset=utf-8", "deflate", out.toByteArray(), false);
        assertEquals("{a=\"b\"}", streams.getFirst().labels());
        assertEquals("l", streams.getFirst().entries().getFirst().line());
    }

    @Test
    void sizeLimitsGive413WithLokiText() {
        StrataException e = assertThrows(StrataException.class,
                () -> new PushBodyReader(10, 1 << 20).read("application/json", "", JSON, false));
        assertEquals(ErrorCategory.TOO_LARGE, e.category());
        assertEquals("request body too large: message size too large than max (" + JSON.length + " vs 10)",
                e.getMessage());
        byte[] gz = gzip(new byte[1 << 16]);
        StrataException d = assertThrows(StrataException.class,
                () -> new PushBodyReader(1 << 20, 1000).read("application/json", "gzip", gz, false));
        assertEquals(ErrorCategory.TOO_LARGE, d.category());
        assertEquals("request body too large: decompressed message size too large than max (65536 vs 1000)",
                d.getMessage());
    }

    @Test
    void mediaTypeErrors() {
        assertEquals("mime: no media type", assertThrows(StrataException.class,
                () -> PushBodyReader.mediaType(" ")).getMessage());
        assertEquals("mime: expected slash after first token", assertThrows(StrataException.class,
                () -> PushBodyReader.mediaType("json")).getMessage());
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var g = new java.util.zip.GZIPOutputStream(out)) {
                g.write(data);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
