package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetTest {

    /** Three synsets in the format of WordNet 3.0's data files, after two licence lines. */
    static final String NOUNS = """
              1 This software and database is being provided to you, the LICENSEE, by \s
              2 Princeton University under the following license. \s
            02084071 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 001 @ 02083346 n 0000 | a member of the genus Canis \s
            07676602 13 n 02 frank 0 hotdog 0 000 | a smooth-textured sausage \s
            10023039 18 n 02 dog 0 frump 0 000 | a dull unattractive unpleasant girl or woman \s
            """;

    static final String ADJECTIVES = """
            00014358 00 s 02 abounding 0 galore(ip) 0 001 & 00013887 a 0000 | existing in abundance \s
            """;

    @TempDir
    Path directory;

    @Test
    void wordsSharingASynsetAreSynonyms() throws IOException {
        Files.writeString(directory.resolve("data.noun"), NOUNS);
        Files.writeString(directory.resolve("data.adj"), ADJECTIVES);

        WordNet wordNet = WordNet.read(directory);

        assertEquals(List.of("domestic dog", "canis familiaris", "frump"), wordNet.synonyms("dog"));
        assertEquals(List.of("dog", "domestic dog"), wordNet.synonyms("Canis_familiaris"));
        assertEquals(List.of("galore"), wordNet.synonyms("abounding"));
        assertEquals(List.of(), wordNet.synonyms("cat"));
        assertEquals(4, wordNet.synsetCount());
        assertEquals(8, wordNet.wordCount());
    }

    @Test
    void aMalformedLineIsReportedWithItsFileAndNumber() throws IOException {
        Path file = directory.resolve("data.verb");
        Files.writeString(file, "  1 licence\n00001740 29 v zz run 0 000 | go fast\n");

        IOException error = assertThrows(IOException.class, () -> WordNet.read(directory));
        assertTrue(error.getMessage().startsWith(file + ", line 2: not a WordNet data line"), error.getMessage());
    }

    @Test
    void aDirectoryWithoutDataFilesSaysHowToGetThem() {
        FileNotFoundException error = assertThrows(FileNotFoundException.class,
                () -> WordNet.load(Map.of(WordNet.ENVIRONMENT_VARIABLE, directory.toString())::get));
        assertEquals("WordNet: no data files (data.noun, data.verb, data.adj, data.adv) in " + directory + ". On Debian"
                + " or Ubuntu: apt-get install wordnet-base (it installs them in /usr/share/wordnet); or set"
                + " WNSEARCHDIR to a WordNet 3.0 'dict' directory.", error.getMessage());
    }

    /** Runs where Debian's wordnet-base is installed; skipped elsewhere. */
    @Test
    void theInstalledDatabaseKnowsCommonSynonyms() throws IOException {
        assumeTrue(Files.isRegularFile(WordNet.DEBIAN_DIRECTORY.resolve("data.noun")), "wordnet-base is not installed");

        WordNet wordNet = WordNet.read(WordNet.DEBIAN_DIRECTORY);

        assertEquals(117_659, wordNet.synsetCount());
        assertTrue(wordNet.synonyms("dog").containsAll(List.of("domestic dog", "canis familiaris")));
        assertTrue(wordNet.synonyms("happy").contains("glad"), wordNet.synonyms("happy").toString());
        assertTrue(wordNet.synonyms("quickly").contains("rapidly"), wordNet.synonyms("quickly").toString());
    }
}
