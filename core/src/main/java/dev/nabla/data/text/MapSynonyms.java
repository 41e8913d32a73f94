package dev.nabla.data.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synonyms from a map you give: each word to its synonyms, looked up in lower case. The map
 * is one-way ({@code happy → glad} does not give {@code glad → happy}); {@link #ofGroups}
 * makes every word of a group a synonym of the others.
 */
public final class MapSynonyms implements SynonymSource {

    private final Map<String, List<String>> synonyms;

    /** {@code synonyms.get(word)} are the synonyms of {@code word}; words and synonyms are lower-cased. */
    public MapSynonyms(Map<String, ? extends Collection<String>> synonyms) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        synonyms.forEach((word, list) -> {
            String key = word.toLowerCase(Locale.ROOT);
            Set<String> values = merged.computeIfAbsent(key, k -> new LinkedHashSet<>());
            for (String synonym : list) {
                String value = synonym.toLowerCase(Locale.ROOT).strip();
                if (!value.equals(key) && !value.isEmpty()) {
                    values.add(value);
                }
            }
        });
        Map<String, List<String>> copy = new LinkedHashMap<>();
        merged.forEach((word, values) -> copy.put(word, List.copyOf(values)));
        this.synonyms = Map.copyOf(copy);
    }

    /** Groups of words that mean the same: each word's synonyms are the other words of every group it is in. */
    public static MapSynonyms ofGroups(Collection<? extends Collection<String>> groups) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Collection<String> group : groups) {
            for (String word : group) {
                map.computeIfAbsent(word.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(group);
            }
        }
        return new MapSynonyms(map);
    }

    @Override
    public List<String> synonyms(String word) {
        return synonyms.getOrDefault(word.toLowerCase(Locale.ROOT), List.of());
    }

    /** The number of words that have synonyms. */
    public int size() {
        return synonyms.size();
    }
}
