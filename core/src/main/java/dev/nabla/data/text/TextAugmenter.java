package dev.nabla.data.text;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.DoubleStream;

/**
 * Easy Data Augmentation for text (EDA, Wei and Zou 2019) on a list of word tokens, every
 * random choice drawn from the generator given, so the same seed gives the same sentences:
 * synonym replacement, random insertion, random swap and random deletion, each also
 * available alone. A synonym of several words becomes several tokens. EDA works on
 * lower-case words without punctuation; tokenise with {@link Tokenizer.Punctuation#STRIP} to
 * do the same, or punctuation marks count as words.
 *
 * <pre>{@code
 * Tokenizer tokenizer = new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
 * TextAugmenter eda = new TextAugmenter(WordNet.load());
 * List<List<String>> variants = eda.augment(tokenizer.tokenize(sentence), 4, new Generator(42));
 * }</pre>
 *
 * @param synonyms where synonyms come from
 * @param stopWords words synonym replacement leaves alone
 * @param replaceFraction α_sr: {@link #augment} replaces {@code max(1, ⌊α·n⌋)} of n words
 * @param insertFraction α_ri: it inserts {@code max(1, ⌊α·n⌋)} synonyms
 * @param swapFraction α_rs: it makes {@code max(1, ⌊α·n⌋)} swaps
 * @param deleteProbability p_rd: it deletes each word with this probability
 */
public record TextAugmenter(SynonymSource synonyms, Set<String> stopWords, double replaceFraction,
        double insertFraction, double swapFraction, double deleteProbability) {

    /** The English stop words of EDA's reference code (NLTK's list, shortened). */
    public static final Set<String> EDA_STOP_WORDS = Set.of(("i me my myself we our ours ourselves you your yours"
            + " yourself yourselves he him his himself she her hers herself it its itself they them their theirs"
            + " themselves what which who whom this that these those am is are was were be been being have has had"
            + " having do does did doing a an the and but if or because as until while of at by for with about"
            + " against between into through during before after above below to from up down in out on off over"
            + " under again further then once here there when where why how all any both each few more most other"
            + " some such no nor not only own same so than too very s t can will just don should now").split(" "));

    /** The number of tries random insertion makes to find a word with synonyms, as in EDA. */
    private static final int INSERTION_TRIES = 10;

    /** The number of tries random swap makes to draw a second, different position, as in EDA. */
    private static final int SWAP_TRIES = 3;

    public TextAugmenter {
        if (synonyms == null || stopWords == null) {
            throw new IllegalArgumentException("TextAugmenter: the synonym source and the stop words are required");
        }
        for (double fraction : new double[] {replaceFraction, insertFraction, swapFraction, deleteProbability}) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("TextAugmenter: the fractions and the deletion probability must be"
                        + " in [0, 1], got " + replaceFraction + ", " + insertFraction + ", " + swapFraction + ", "
                        + deleteProbability);
            }
        }
        stopWords = Set.copyOf(stopWords);
    }

    /** EDA's defaults: its stop words, α = 0.1 for every operation. */
    public TextAugmenter(SynonymSource synonyms) {
        this(synonyms, EDA_STOP_WORDS, 0.1, 0.1, 0.1, 0.1);
    }

    /**
     * {@code count} augmented versions of {@code words}, as EDA's {@code eda()}: ⌊count/k⌋ + 1
     * of each of the k operations whose α is above 0 (all four by default), shuffled, the first
     * {@code count} kept.
     */
    public List<List<String>> augment(List<String> words, int count, Generator generator) {
        long operations = DoubleStream.of(replaceFraction, insertFraction, swapFraction, deleteProbability)
                .filter(fraction -> fraction > 0).count();
        if (count < 0 || count > 0 && operations == 0) {
            throw new IllegalArgumentException("TextAugmenter: need a count of 0 or more and an operation with α > 0,"
                    + " got count " + count + " and " + this);
        }
        int each = (int) (count / Math.max(1, operations)) + 1;
        List<List<String>> variants = new ArrayList<>();
        for (int i = 0; i < each && replaceFraction > 0; i++) {
            variants.add(synonymReplacement(words, amount(replaceFraction, words), generator));
        }
        for (int i = 0; i < each && insertFraction > 0; i++) {
            variants.add(randomInsertion(words, amount(insertFraction, words), generator));
        }
        for (int i = 0; i < each && swapFraction > 0; i++) {
            variants.add(randomSwap(words, amount(swapFraction, words), generator));
        }
        for (int i = 0; i < each && deleteProbability > 0; i++) {
            variants.add(randomDeletion(words, deleteProbability, generator));
        }
        shuffle(variants, generator);
        return List.copyOf(variants.subList(0, Math.min(count, variants.size())));
    }

    /**
     * Synonym replacement (SR): up to {@code n} distinct words that are not stop words and have
     * synonyms, taken in random order, each replaced everywhere by one random synonym.
     */
    public List<String> synonymReplacement(List<String> words, int n, Generator generator) {
        List<String> candidates = new ArrayList<>(new LinkedHashSet<>(words));
        candidates.removeIf(stopWords::contains);
        shuffle(candidates, generator);
        List<String> result = new ArrayList<>(words);
        int replaced = 0;
        for (String word : candidates) {
            if (replaced >= n) {
                break;
            }
            List<String> options = synonyms.synonyms(word);
            if (!options.isEmpty()) {
                String synonym = options.get(generator.nextInt(options.size()));
                result.replaceAll(w -> w.equals(word) ? synonym : w);
                replaced++;
            }
        }
        return split(result);
    }

    /**
     * Random insertion (RI), {@code n} times: a random synonym of a random word of the sentence
     * (up to ten words tried) is inserted at a random position, the end included.
     */
    public List<String> randomInsertion(List<String> words, int n, Generator generator) {
        List<String> result = new ArrayList<>(words);
        for (int i = 0; i < n && !result.isEmpty(); i++) {
            for (int attempt = 0; attempt < INSERTION_TRIES; attempt++) {
                List<String> options = synonyms.synonyms(result.get(generator.nextInt(result.size())));
                if (!options.isEmpty()) {
                    String synonym = options.get(generator.nextInt(options.size()));
                    result.addAll(generator.nextInt(result.size() + 1), Arrays.asList(synonym.split(" ")));
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    /** Random swap (RS), {@code n} times: two random positions exchange their words. */
    public List<String> randomSwap(List<String> words, int n, Generator generator) {
        List<String> result = new ArrayList<>(words);
        for (int i = 0; i < n && result.size() > 1; i++) {
            int first = generator.nextInt(result.size());
            int second = first;
            for (int attempt = 0; attempt <= SWAP_TRIES && second == first; attempt++) {
                second = generator.nextInt(result.size());
            }
            result.set(first, result.set(second, result.get(first)));
        }
        return List.copyOf(result);
    }

    /**
     * Random deletion (RD): each word is removed with probability {@code probability}; a
     * single word is kept, and if every word went, one random word of the sentence is returned.
     */
    public List<String> randomDeletion(List<String> words, double probability, Generator generator) {
        if (words.size() <= 1) {
            return List.copyOf(words);
        }
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (generator.nextDouble() >= probability) {
                kept.add(word);
            }
        }
        return kept.isEmpty() ? List.of(words.get(generator.nextInt(words.size()))) : List.copyOf(kept);
    }

    private static int amount(double fraction, List<String> words) {
        return Math.max(1, (int) (fraction * words.size()));
    }

    /** Multi-word synonyms as separate tokens. */
    private static List<String> split(List<String> words) {
        List<String> tokens = new ArrayList<>();
        for (String word : words) {
            tokens.addAll(Arrays.asList(word.split(" ")));
        }
        return List.copyOf(tokens);
    }

    private static <T> void shuffle(List<T> list, Generator generator) {
        for (int i = list.size() - 1; i > 0; i--) {
            list.set(i, list.set(generator.nextInt(i + 1), list.get(i)));
        }
    }
}
