package dev.nabla.data.text;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A translation-style task generated from a seed: numbers written in English words to their
 * digits, {@code "three hundred twelve"} → {@code "312"}, {@code "forty thousand seven"} →
 * {@code "40007"} (American usage: no "and", no hyphens). Every number appears at most once, so a
 * held-out slice holds numbers never seen in training.
 */
public final class NumberWords {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    /** The largest number written. */
    public static final int MAX = 999_999_999;

    private NumberWords() {
    }

    /** {@code number} (0 to {@link #MAX}) in words: {@code 312} → {@code "three hundred twelve"}. */
    public static String words(int number) {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("NumberWords: " + number + " is not between 0 and " + MAX);
        }
        if (number == 0) {
            return ONES[0];
        }
        List<String> words = new ArrayList<>();
        group(number / 1_000_000, "million", words);
        group(number / 1000 % 1000, "thousand", words);
        group(number % 1000, null, words);
        return String.join(" ", words);
    }

    /** Words of 1 to 999 followed by the scale word; nothing for 0. */
    private static void group(int value, String scale, List<String> words) {
        if (value == 0) {
            return;
        }
        if (value >= 100) {
            words.add(ONES[value / 100]);
            words.add("hundred");
        }
        int rest = value % 100;
        if (rest >= 20) {
            words.add(TENS[rest / 10]);
            if (rest % 10 > 0) {
                words.add(ONES[rest % 10]);
            }
        } else if (rest > 0) {
            words.add(ONES[rest]);
        }
        if (scale != null) {
            words.add(scale);
        }
    }

    /**
     * {@code count} different numbers drawn uniformly from 0 to {@code maxNumber} with {@code seed}, as
     * pairs of words → digits, in the order drawn.
     */
    public static SequencePairs pairs(int count, int maxNumber, long seed) {
        if (maxNumber < 1 || maxNumber > MAX || count < 1 || count > (maxNumber + 1L) / 2) {
            throw new IllegalArgumentException("NumberWords.pairs: the largest number must be from 1 to " + MAX
                    + " and the count from 1 to half the numbers available, got " + count + " numbers up to "
                    + maxNumber);
        }
        Generator generator = new Generator(seed);
        Set<Integer> numbers = new LinkedHashSet<>();
        while (numbers.size() < count) {
            numbers.add(generator.nextInt(maxNumber + 1));
        }
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (int number : numbers) {
            sources.add(words(number));
            targets.add(Integer.toString(number));
        }
        return new SequencePairs(sources, targets);
    }
}
