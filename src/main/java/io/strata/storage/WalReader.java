package io.strata.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads WAL segments at open. A record whose frame is incomplete or whose CRC32C does not match
 * ends the segment (a torn tail from a crash mid-write); the file is truncated there so the next
 * replay sees the same records.
 */
final class WalReader {
    /** Receives each valid record: {@code payload[0..len)} holds type, seq, and the body. */
    interface RecordConsumer {
        void accept(long seq, byte[] payload, int len);
    }

    /** What one segment held. */
    record Result(long maxSeq, long records, boolean torn) {}

    private WalReader() {}

    static Result read(Path file, RecordConsumer consumer) throws IOException {
        long size = Files.size(file);
        long valid = 0;
        long maxSeq = 0;
        long count = 0;
        boolean torn = false;
        byte[] payload = new byte[1 << 16];
        CRC32C crc = new CRC32C();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            DataInputStream data = new DataInputStream(in);
            byte[] header = new byte[WriteAheadLog.HEADER_BYTES];
            try {
                data.readFully(header);
            } catch (EOFException e) {
                header = null;
            }
            if (header == null || ByteReader.getU32(header, 0) != WriteAheadLog.MAGIC) {
                torn = true;
            } else {
                valid = WriteAheadLog.HEADER_BYTES;
                byte[] frame = new byte[WriteAheadLog.FRAME_BYTES];
                while (valid < size) {
                    try {
                        data.readFully(frame);
                    } catch (EOFException e) {
                        torn = true;
                        break;
                    }
                    int len = ByteReader.getU32(frame, 0);
                    int sum = ByteReader.getU32(frame, 4);
                    if (len < 9 || len > size - valid - WriteAheadLog.FRAME_BYTES) {
                        torn = true;
                        break;
                    }
                    if (payload.length < len) {
                        payload = new byte[Math.max(len, payload.length * 2)];
                    }
                    data.readFully(payload, 0, len);
                    crc.reset();
                    crc.update(payload, 0, len);
                    if ((int) crc.getValue() != sum || payload[0] != WriteAheadLog.TYPE_ENTRIES) {
                        torn = true;
                        break;
                    }
                    long seq = ByteReader.getU64(payload, 1);
                    consumer.accept(seq, payload, len);
                    maxSeq = Math.max(maxSeq, seq);
                    count++;
                    valid += WriteAheadLog.FRAME_BYTES + len;
                }
            }
        }
        if (torn || valid < size) {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(valid);
                c.force(true);
            }
        }
        return new Result(maxSeq, count, torn);
    }
}
