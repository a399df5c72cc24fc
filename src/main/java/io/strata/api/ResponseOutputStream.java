package io.strata.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OutputStream} onto a chunked {@code application/octet-stream} Vert.x response, for
 * handlers on a worker thread: bytes go out in 64 KiB writes, and the writer waits while Vert.x'
 * write queue is full (a slow reader slows the producer instead of filling the heap). {@link #finish()}
 * ends the response; {@link #close()} does not, so a producer that fails half-way never ends a body
 * that looks complete (the caller resets the connection, see {@link #started()}). A closed
 * connection fails the next write with an {@link IOException}.
 */
final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;

    private final HttpServerResponse response;
    private final byte[] buf = new byte[CHUNK];
    private int n;
    private boolean started;
    private boolean closed;

    ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            send();
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) {
                send();
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    private void send() throws IOException {
        if (response.closed()) {
            throw new IOException("client closed the connection");
        }
        if (!started) {
            started = true;
            response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        }
        response.write(Buffer.buffer(Arrays.copyOf(buf, n)));
        n = 0;
        awaitDrain();
    }

    private void awaitDrain() throws IOException {
        while (response.writeQueueFull()) {
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            if (!response.writeQueueFull()) {
                break;
            }
            try {
                if (!drained.await(1, TimeUnit.SECONDS) && response.closed()) {
                    throw new IOException("client closed the connection");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the client was slow", e);
            }
        }
    }

    /** Whether bytes (and the status line) went out already. */
    boolean started() {
        return started;
    }

    @Override
    public void close() {
        // deliberately nothing: see finish()
    }

    /** Sends what is buffered and ends the response. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            // small body: one write with a length
            response.putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(Arrays.copyOf(buf, n)));
            return;
        }
        if (n > 0) {
            send();
        }
        response.end();
    }
}
