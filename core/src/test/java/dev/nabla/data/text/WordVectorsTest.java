package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorsTest {

    @TempDir
    Path directory;

    @Test
    void readsGloVesTextFormatAndLaysTheVectorsOutInVocabularyOrder() throws IOException {
        Path file = directory.resolve("glove.txt");
        Files.writeString(file, "the 0.1 -0.2 0.3\ngood 1 2 3\nbad -1 -2 -3.5e-1\n");
        WordVectors vectors = WordVectors.read(file);
        assertEquals(3, vectors.dimension());
        assertEquals(3, vectors.size());
        assertArrayEquals(new float[] {-1f, -2f, -0.35f}, vectors.vector("bad"));
        assertArrayEquals(new float[] {1f, 2f, 3f}, vectors.vector("Good"), "falls back to the lower case");
        assertNull(vectors.vector("awful"));
        List<String> tokens = List.of(Vocabulary.PAD, Vocabulary.UNKNOWN, "good", "awful", "bad");
        Tensor matrix = vectors.matrix(tokens);
        assertEquals(List.of(5, 3), List.of(matrix.shape().dim(0), matrix.shape().dim(1)));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, -1, -2, -0.35f}, matrix.toFloatArray());
        assertEquals(2, vectors.found(tokens));

        WordVectors some = WordVectors.read(file, List.of("GOOD", "awful"));
        assertEquals(1, some.size());
        assertTrue(some.contains("good"));
        assertFalse(some.contains("the"));
    }

    @Test
    void skipsAWord2VecHeaderAndRefusesARaggedLineByNumber() throws IOException {
        Path file = directory.resolve("vectors.vec");
        Files.writeString(file, "2 2\nyes 1 0\nno 0 1\n");
        assertEquals(2, WordVectors.read(file).size());
        Files.writeString(file, "yes 1 0\nno 0 1 2\n");
        IOException e = assertThrows(IOException.class, () -> WordVectors.read(file));
        assertEquals(file + ":2: expected a word and 2 values, got 3 values", e.getMessage());
        Files.writeString(file, "");
        assertThrows(IOException.class, () -> WordVectors.read(file));
    }

    @Test
    void readsTheWinkJsonOfGloVeVectorsDroppingTheNormAndIndex() throws IOException {
        Path file = directory.resolve("wink.json");
        Files.writeString(file, """
                {"precision":8,"l2NormIndex":2,"wordIndex":3,"size":3,"dimensions":2,
                 "words":["the",",","caf\\u00e9"],
                 "vectors":{"the":[0.5,-1.25e0,1.3463,0],",":[1,2,2.236,1], "caf\\u00e9" : [ -3 , 4 , 5 , 2 ]},
                 "unkVector":[0,0,-1]}
                """);
        WordVectors vectors = WordVectors.read(file);
        assertEquals(2, vectors.dimension());
        assertEquals(3, vectors.size());
        assertArrayEquals(new float[] {0.5f, -1.25f}, vectors.vector("the"));
        assertArrayEquals(new float[] {-3f, 4f}, vectors.vector("café"));
        assertEquals(1, WordVectors.read(file, List.of(",")).size());

        Files.writeString(file, "{\"dimensions\":2,\"vectors\":{\"a\":[1,2],\"b\":[1 2]}}");
        IOException e = assertThrows(IOException.class, () -> WordVectors.read(file));
        assertTrue(e.getMessage().contains("expected ',' or ']' in the vector of 'b'"), e.getMessage());
    }
}
