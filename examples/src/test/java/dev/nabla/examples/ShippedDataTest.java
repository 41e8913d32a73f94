package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The data shipped in examples/data: each file has its notice, and the sequence data is the text its notice names. */
class ShippedDataTest {

    private static final Path DATA = Path.of("data");

    @Test
    void everyDataFileHasANoticeBesideIt() throws IOException {
        try (Stream<Path> files = Files.list(DATA)) {
            List<Path> data = files.filter(f -> f.toString().matches(".*\\.(csv|gz)$")).toList();
            assertTrue(data.size() >= 4, data.toString());
            for (Path file : data) {
                String stem = file.getFileName().toString().replaceFirst("\\.(csv|txt\\.gz)$", "");
                assertTrue(Files.isRegularFile(DATA.resolve(stem + ".NOTICE.txt")), "a notice for " + file);
            }
        }
    }

    @Test
    void theSeriesAndTheNovelAreTheFilesTheirNoticesName() throws IOException, NoSuchAlgorithmException {
        assertHashInNotice(Files.readAllBytes(DATA.resolve("co2-mauna-loa.csv")), "co2-mauna-loa.NOTICE.txt");
        byte[] novel;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DATA.resolve("moby-dick.txt.gz")))) {
            novel = in.readAllBytes();
        }
        assertEquals(1_204_997, novel.length);
        assertHashInNotice(novel, "moby-dick.NOTICE.txt");
        assertTrue(new String(novel, 0, 40, java.nio.charset.StandardCharsets.UTF_8).startsWith("CHAPTER 1. Loomings."));
    }

    private static void assertHashInNotice(byte[] content, String notice) throws IOException, NoSuchAlgorithmException {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String text = Files.readString(DATA.resolve(notice)).replaceAll("\\s+", "");
        assertTrue(text.contains(hash), notice + " names the SHA-256 " + hash);
    }
}
