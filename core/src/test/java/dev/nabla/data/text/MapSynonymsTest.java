package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapSynonymsTest {

    @Test
    void aMapIsOneWayAndLowerCase() {
        MapSynonyms synonyms = new MapSynonyms(Map.of("Happy", List.of("glad", "Cheerful", "happy")));

        assertEquals(List.of("glad", "cheerful"), synonyms.synonyms("happy"));
        assertEquals(List.of("glad", "cheerful"), synonyms.synonyms("HAPPY"));
        assertEquals(List.of(), synonyms.synonyms("glad"));
    }

    @Test
    void groupsMakeEveryMemberASynonymOfTheOthers() {
        MapSynonyms synonyms = MapSynonyms.ofGroups(List.of(List.of("big", "large", "huge"), List.of("big", "great")));

        assertEquals(List.of("large", "huge", "great"), synonyms.synonyms("big"));
        assertEquals(List.of("big", "huge"), synonyms.synonyms("large"));
        assertEquals(4, synonyms.size());
    }
}
