package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path directory;

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsAndReplacesAFile() throws IOException {
        Path target = directory.resolve("weights.bin");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> {
            out.write("second, longer".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of("weights.bin"), fileNames());
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = directory.resolve("checkpoint.bin");
        Files.writeString(target, "last good checkpoint");
        IOException diskFull = new IOException("no space left on device");
        var thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);
            throw diskFull;
        }));
        assertSame(diskFull, thrown);
        assertEquals("last good checkpoint", Files.readString(target));
        assertEquals(List.of("checkpoint.bin"), fileNames());
    }

    @Test
    void anUncheckedFailureAlsoLeavesTheOldFile() throws IOException {
        Path target = directory.resolve("model.safetensors");
        Files.writeString(target, "old");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("tensor data unavailable"));
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("model.safetensors"), fileNames());
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingIt() {
        Path target = directory.resolve("missing").resolve("file.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertEquals(false, Files.exists(target.getParent()));
    }
}
