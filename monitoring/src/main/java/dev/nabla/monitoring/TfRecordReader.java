package dev.nabla.monitoring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a TFRecord file ({@link TfRecordWriter}'s framing) from a position on,
 * checking both CRCs; a record still being written (cut short at the end of the file) is left
 * for the next read, so a file growing under a training run can be followed.
 */
public final class TfRecordReader {

    private final Path file;
    private long position;

    public TfRecordReader(Path file) {
        this.file = file;
    }

    /** The complete records added since the last call (all of them on the first).
     *
     * @throws IOException if the file cannot be read or a record's CRC is wrong
     */
    public List<byte[]> readNew() throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            while (size - position >= 12) {
                ByteBuffer header = read(channel, position, 12);
                long length = header.getLong(0);
                byte[] lengthBytes = new byte[8];
                header.get(0, lengthBytes);
                if (header.getInt(8) != TfRecordWriter.maskedCrc(lengthBytes)) {
                    throw new IOException(file + ": the length CRC of the record at byte " + position + " is wrong");
                }
                if (length < 0 || size - position - 12 < length + 4) {
                    break;
                }
                ByteBuffer body = read(channel, position + 12, (int) length + 4);
                byte[] data = new byte[(int) length];
                body.get(0, data);
                if (body.getInt((int) length) != TfRecordWriter.maskedCrc(data)) {
                    throw new IOException(file + ": the data CRC of the record at byte " + position + " is wrong");
                }
                records.add(data);
                position += 12 + length + 4;
            }
        }
        return records;
    }

    private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer;
    }
}
