package io.strata.ruler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers see the old or the new content, never a part: the content goes to
 * a temporary file in the same directory ({@code .tmp-*}, which readers skip), optionally fsynced,
 * then renamed over the target (atomically where the file system can).
 */
final class AtomicFileWriter {
    private AtomicFileWriter() {}

    /** Writes the content to a stream; closing the stream is allowed. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void replace(Path target, String suffix, boolean fsync, Content content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", suffix);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            if (fsync) {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
