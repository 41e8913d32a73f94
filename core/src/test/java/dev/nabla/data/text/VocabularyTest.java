package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    /** the ×4, cat ×2, sat ×2 (after cat), on ×1, mat ×1, dog ×1. */
    static final List<List<String>> CORPUS = List.of(
            List.of("the", "cat", "sat", "on", "the", "mat"),
            List.of("the", "dog", "sat"),
            List.of("the", "cat"));

    @TempDir
    Path directory;

    @Test
    void padAndUnknownComeFirstThenTokensByFrequencyThenFirstAppearance() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 0);

        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "sat", "on", "mat", "dog"), vocabulary.tokens());
        assertEquals(0, vocabulary.index(Vocabulary.PAD));
        assertEquals(1, vocabulary.index("unicorn"));
        assertEquals("cat", vocabulary.token(3));
        assertTrue(vocabulary.contains("dog"));
        assertFalse(vocabulary.contains("unicorn"));
    }

    @Test
    void minimumFrequencyAndMaximumSizeLimitTheTokens() {
        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "sat"), Vocabulary.build(CORPUS, 2, 0).tokens());
        assertEquals(List.of("<pad>", "<unk>", "the", "cat"), Vocabulary.build(CORPUS, 1, 4).tokens());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(CORPUS, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(CORPUS, 1, 1));
    }

    @Test
    void encodesUnknownTokensAsOneAndDecodesWithoutPadding() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 2, 0);

        assertArrayEquals(new int[] {2, 3, 1}, vocabulary.encode(List.of("the", "cat", "purred")));
        assertEquals(List.of("the", "<unk>", "sat"), vocabulary.decode(new int[] {2, 1, 4, 0, 0}));
        assertThrows(IndexOutOfBoundsException.class, () -> vocabulary.token(5));
    }

    @Test
    void aWrittenVocabularyReadsBackTheSame() throws IOException {
        Vocabulary vocabulary = new Vocabulary(List.of("zèbre", "the", "<unk>", "the"));
        Path file = directory.resolve("vocabulary.txt");

        vocabulary.write(file);

        assertEquals(List.of("<pad>", "<unk>", "zèbre", "the"), Vocabulary.read(file).tokens());
        Files.writeString(file, "the\ncat\n");
        IOException error = assertThrows(IOException.class, () -> Vocabulary.read(file));
        assertEquals(file + ": not a vocabulary file: it must start with the lines <pad> and <unk>, then one token"
                + " per line", error.getMessage());
    }
}
