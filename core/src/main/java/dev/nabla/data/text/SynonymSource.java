package dev.nabla.data.text;

import java.util.List;

/**
 * Where {@link TextAugmenter} finds synonyms: a {@link MapSynonyms} of your own, a
 * {@link WordNet} thesaurus, or any function of a word.
 */
@FunctionalInterface
public interface SynonymSource {

    /**
     * The synonyms of {@code word} (a lower-case token), without the word itself, in a fixed
     * order; empty when it has none. A synonym of several words holds spaces ({@code "ice cream"}).
     */
    List<String> synonyms(String word);
}
