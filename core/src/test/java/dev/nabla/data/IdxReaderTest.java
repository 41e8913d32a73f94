package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path directory;

    /** The bytes of an IDX file: magic number with this type and the dims' count, the sizes, then {@code data}. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        bytes.put(new byte[] {0, 0, (byte) type, (byte) dims.length});
        Arrays.stream(dims).forEach(bytes::putInt);
        return bytes.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }

    private String error(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        return assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage().replace(file.toString(), name);
    }

    @Test
    void unsignedBytesKeepTheirValuesAndShape() throws IOException {
        byte[] pixels = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
        Path file = write("images-idx3-ubyte", idx(0x08, new int[] {1, 2, 3}, pixels));

        Tensor images = IdxReader.read(file);

        assertArrayEquals(new int[] {1, 2, 3}, images.shape().toArray());
        assertEquals(DType.FLOAT32, images.dtype());
        assertArrayEquals(new float[] {0, 1, 127, 128, 200, 255}, images.toFloatArray());
    }

    @Test
    void gzipFilesAreRecognisedByTheirContent() throws IOException {
        byte[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
        byte[] raw = idx(0x08, new int[] {8}, labels);
        Path plain = write("labels-idx1-ubyte", raw);
        Path compressed = write("labels-idx1-ubyte.gz", gzip(raw));
        Path misnamed = write("labels-without-suffix", gzip(raw));

        float[] expected = {3, 1, 4, 1, 5, 9, 2, 6};
        assertArrayEquals(expected, IdxReader.read(plain).toFloatArray());
        assertArrayEquals(expected, IdxReader.read(compressed).toFloatArray());
        assertArrayEquals(expected, IdxReader.read(misnamed).toFloatArray());
    }

    @Test
    void everyDataTypeReadsBigEndianValues() throws IOException {
        assertArrayEquals(new float[] {-128, -1, 127}, values("b", 0x09, new byte[] {-128, -1, 127}));
        ByteBuffer shorts = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 7);
        assertArrayEquals(new float[] {-300, 7}, values("s", 0x0B, shorts.array()));
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(-70_000).putInt(1 << 24);
        assertArrayEquals(new float[] {-70_000, 1 << 24}, values("i", 0x0C, ints.array()));
        ByteBuffer floats = ByteBuffer.allocate(8).putFloat(0.25f).putFloat(-1e30f);
        assertArrayEquals(new float[] {0.25f, -1e30f}, values("f", 0x0D, floats.array()));
        ByteBuffer doubles = ByteBuffer.allocate(16).putDouble(1.5).putDouble(-0.1);
        assertArrayEquals(new float[] {1.5f, -0.1f}, values("d", 0x0E, doubles.array()));
    }

    /** The values read back from a 1-d file of this type holding {@code data}, raw and gzip (which must agree). */
    private float[] values(String name, int type, byte[] data) throws IOException {
        int width = Map.of(0x09, 1, 0x0B, 2, 0x0C, 4, 0x0D, 4, 0x0E, 8).get(type);
        byte[] raw = idx(type, new int[] {data.length / width}, data);
        float[] values = IdxReader.read(write(name, raw)).toFloatArray();
        assertArrayEquals(values, IdxReader.read(write(name + ".gz", gzip(raw))).toFloatArray());
        return values;
    }

    @Test
    void emptyAndScalarShapesAreRead() throws IOException {
        Tensor empty = IdxReader.read(write("empty", idx(0x08, new int[] {0, 28, 28}, new byte[0])));
        assertArrayEquals(new int[] {0, 28, 28}, empty.shape().toArray());
        Tensor scalar = IdxReader.read(write("scalar", idx(0x08, new int[0], new byte[] {42})));
        assertEquals(0, scalar.rank());
        assertEquals(42f, scalar.item());
    }

    @Test
    void aLargeGzipFileIsReadWhole() throws IOException {
        byte[] pixels = new byte[3 * 1000 * 2000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        Tensor images = IdxReader.read(write("large.gz", gzip(idx(0x08, new int[] {3, 1000, 2000}, pixels))));

        float[] values = images.toFloatArray();
        assertEquals(pixels.length, values.length);
        assertEquals(pixels[pixels.length - 1] & 0xFF, values[values.length - 1]);
        assertEquals(pixels[4_194_304] & 0xFF, values[4_194_304]);
    }

    @Test
    void aFileThatIsNotIdxIsNamedAndDescribed() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0};
        assertEquals("photo.png: not an IDX file: it starts with 0x89 0x50, but an IDX file starts with 0x00 0x00"
                + " (or 0x1F 0x8B when gzip-compressed)", error("photo.png", png));
        assertEquals("odd: unknown IDX data type 0x0A; expected 0x08 (unsigned byte), 0x09 (signed byte), 0x0B (short),"
                + " 0x0C (int), 0x0D (float) or 0x0E (double)", error("odd", idx(0x0A, new int[] {1}, new byte[] {0})));
    }

    @Test
    void truncatedHeadersAreReported() throws IOException {
        assertEquals("stub: truncated: 2 bytes, fewer than the 4 of an IDX magic number",
                error("stub", new byte[] {0, 0}));
        assertEquals("empty: truncated: 0 bytes, fewer than the 4 of an IDX magic number", error("empty", new byte[0]));
        assertEquals("cut: truncated: the header announces 3 dimensions, but the file ends within their sizes",
                error("cut", new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0}));
    }

    @Test
    void sizesThatDoNotMatchARawFileAreReported() throws IOException {
        assertEquals("short: the sizes [2, 3] of unsigned byte need 6 data bytes after the 12-byte header, but the file"
                + " has 5; the sizes do not match the file length (truncated?)",
                error("short", idx(0x08, new int[] {2, 3}, new byte[5])));
        assertEquals("long: the sizes [2] of short need 4 data bytes after the 8-byte header, but the file has 6;"
                + " the sizes do not match the file length (truncated?)",
                error("long", idx(0x0B, new int[] {2}, new byte[6])));
    }

    @Test
    void sizesThatDoNotMatchAGzipFileAreReported() throws IOException {
        assertEquals("short.gz: truncated: the sizes [2, 3] of int need 24 data bytes, but the data ends after 10",
                error("short.gz", gzip(idx(0x0C, new int[] {2, 3}, new byte[10]))));
        assertEquals("long.gz: 2 bytes follow the data; the sizes [2] of unsigned byte need 2 data bytes, so the sizes"
                + " do not match the file length", error("long.gz", gzip(idx(0x08, new int[] {2}, new byte[4]))));
    }

    @Test
    void aCutGzipStreamIsReported() throws IOException {
        byte[] whole = gzip(idx(0x08, new int[] {100}, new byte[100]));
        String message = error("cut.gz", Arrays.copyOf(whole, whole.length / 2));
        assertEquals("cut.gz: the gzip data is corrupt or truncated (Unexpected end of ZLIB input stream)", message);
    }

    @Test
    void impossibleSizesAreRefusedBeforeAllocating() throws IOException {
        assertEquals("huge: the sizes [65536, 65536] hold more values than a tensor can",
                error("huge", idx(0x08, new int[] {65536, 65536}, new byte[0])));
        assertEquals("negative: dimension 1 has size 4294967295, more than a tensor can hold",
                error("negative", idx(0x08, new int[] {1, -1}, new byte[0])));
        assertEquals("bogus.gz: truncated: the sizes [1000000, 1000] of unsigned byte need 1000000000 data bytes,"
                + " but the data ends after 3",
                error("bogus.gz", gzip(idx(0x08, new int[] {1_000_000, 1000}, new byte[3]))));
    }
}
