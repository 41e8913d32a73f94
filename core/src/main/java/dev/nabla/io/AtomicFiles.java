package dev.nabla.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash or an error mid-write never destroys the previous version:
 * the content goes to a hidden temporary file in the same directory, is forced to disk,
 * and then atomically renamed over the target. Readers see the old file or the new one,
 * never a mixture; after a failure the old file is untouched and the temporary file is
 * deleted. Every Nabla file writer (safetensors, model files, checkpoints) goes through here.
 */
public final class AtomicFiles {

    /** What to write; it may throw to abandon the write. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out} (buffered; closing it is unnecessary and harmless). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes, atomically.
     *
     * @throws IOException if writing, syncing or the rename fails (also when the file system
     *     cannot rename atomically), or whatever {@code content} throws; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = directory.resolve("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(uncloseable(Channels.newOutputStream(channel)), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        }
        syncDirectory(directory);
    }

    /** Makes the rename itself durable; some platforms (Windows) cannot open a directory, and then we rely on the OS. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The new file is complete and in place; only its durability across a power cut is less certain.
        }
    }

    /** The channel is closed by its owner, after the force; a content that closes its stream must not close it first. */
    private static OutputStream uncloseable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
