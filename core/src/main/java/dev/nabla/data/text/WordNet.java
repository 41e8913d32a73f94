package dev.nabla.data.text;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Synonyms from the WordNet thesaurus (Princeton WordNet 3.0): two words are synonyms when
 * they share a synset, as in EDA's {@code get_synonyms}. Reads the database's data files
 * ({@code data.noun}, {@code data.verb}, {@code data.adj}, {@code data.adv}; format in
 * {@code man 5 wndb}), which Debian's {@code wordnet-base} package puts in
 * {@code /usr/share/wordnet}. Words are lower-cased, underscores become spaces, and the
 * syntactic markers of adjectives ({@code galore(ip)}) are dropped.
 *
 * <pre>{@code
 * WordNet wordNet = WordNet.load();          // $WNSEARCHDIR or /usr/share/wordnet
 * wordNet.synonyms("happy");                 // [well-chosen, felicitous, glad]
 * }</pre>
 */
public final class WordNet implements SynonymSource {

    /** The data files read from a WordNet directory, those that exist. */
    public static final List<String> DATA_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

    /** The environment variable WordNet's own tools read the database directory from. */
    public static final String ENVIRONMENT_VARIABLE = "WNSEARCHDIR";

    /** Where Debian's {@code wordnet-base} installs the database. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/wordnet");

    private final List<String[]> synsets;
    private final Map<String, int[]> synsetsOfWord;

    private WordNet(List<String[]> synsets, Map<String, int[]> synsetsOfWord) {
        this.synsets = synsets;
        this.synsetsOfWord = synsetsOfWord;
    }

    /** The database in {@code $WNSEARCHDIR} if set, else in {@code /usr/share/wordnet}. */
    public static WordNet load() throws IOException {
        return load(System::getenv);
    }

    static WordNet load(Function<String, String> environment) throws IOException {
        String variable = environment.apply(ENVIRONMENT_VARIABLE);
        return read(variable == null || variable.isBlank() ? DEBIAN_DIRECTORY : Path.of(variable));
    }

    /** The data files found in {@code directory} (at least one of {@link #DATA_FILES}). */
    public static WordNet read(Path directory) throws IOException {
        List<Path> files = DATA_FILES.stream().map(directory::resolve).filter(Files::isRegularFile).toList();
        if (files.isEmpty()) {
            throw new FileNotFoundException("WordNet: no data files (" + String.join(", ", DATA_FILES) + ") in "
                    + directory + (Files.isDirectory(directory) ? "" : ", which is not a directory") + ". On Debian or"
                    + " Ubuntu: apt-get install wordnet-base (it installs them in " + DEBIAN_DIRECTORY + "); or set "
                    + ENVIRONMENT_VARIABLE + " to a WordNet 3.0 'dict' directory.");
        }
        return read(files);
    }

    /** The synsets of these data files, in this order. */
    public static WordNet read(List<Path> dataFiles) throws IOException {
        List<String[]> synsets = new ArrayList<>();
        Map<String, List<Integer>> index = new HashMap<>();
        for (Path file : dataFiles) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                int number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    number++;
                    if (line.startsWith("  ") || line.isBlank()) {
                        continue; // the licence at the top of every data file
                    }
                    String[] words = parse(line, file, number);
                    for (String word : words) {
                        index.computeIfAbsent(word, w -> new ArrayList<>()).add(synsets.size());
                    }
                    synsets.add(words);
                }
            }
        }
        Map<String, int[]> synsetsOfWord = new HashMap<>();
        index.forEach((word, ids) -> synsetsOfWord.put(word, ids.stream().mapToInt(Integer::intValue).toArray()));
        return new WordNet(List.copyOf(synsets), Map.copyOf(synsetsOfWord));
    }

    /** The words of every synset holding {@code word}, in file order, without {@code word} and repeats. */
    @Override
    public List<String> synonyms(String word) {
        String key = word.toLowerCase(Locale.ROOT).replace('_', ' ');
        int[] ids = synsetsOfWord.get(key);
        if (ids == null) {
            return List.of();
        }
        Set<String> synonyms = new LinkedHashSet<>();
        for (int id : ids) {
            for (String synonym : synsets.get(id)) {
                if (!synonym.equals(key)) {
                    synonyms.add(synonym);
                }
            }
        }
        return List.copyOf(synonyms);
    }

    /** The number of synsets read. */
    public int synsetCount() {
        return synsets.size();
    }

    /** The number of distinct words (lower-cased) in them. */
    public int wordCount() {
        return synsetsOfWord.size();
    }

    /**
     * The words of one data line: {@code offset lex_filenum ss_type w_cnt word lex_id [word
     * lex_id ...] p_cnt ...}, with {@code w_cnt} in hexadecimal.
     */
    private static String[] parse(String line, Path file, int number) throws IOException {
        String[] fields = line.split(" ", -1);
        int count;
        try {
            count = fields.length > 3 ? Integer.parseInt(fields[3], 16) : -1;
        } catch (NumberFormatException notHex) {
            count = -1;
        }
        if (count < 1 || fields.length < 4 + 2 * count || !fields[0].chars().allMatch(Character::isDigit)) {
            throw new IOException(file + ", line " + number + ": not a WordNet data line (expected 'offset"
                    + " lex_filenum ss_type w_cnt word lex_id ...' with w_cnt in hexadecimal, see man 5 wndb): "
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
        }
        Set<String> words = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            String word = fields[4 + 2 * i];
            int marker = word.indexOf('(');
            if (marker > 0 && word.endsWith(")")) {
                word = word.substring(0, marker);
            }
            words.add(word.replace('_', ' ').toLowerCase(Locale.ROOT));
        }
        return words.toArray(String[]::new);
    }
}
