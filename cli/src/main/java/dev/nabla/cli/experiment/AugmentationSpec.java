package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.image.Compose;
import dev.nabla.data.image.HorizontalFlip;
import dev.nabla.data.image.RandomCrop;
import dev.nabla.data.image.Rotation;
import dev.nabla.data.image.Transform;
import dev.nabla.data.image.Translation;
import dev.nabla.data.image.VerticalFlip;
import dev.nabla.data.image.Zoom;
import dev.nabla.io.Suggestions;
import dev.nabla.tensor.PadMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code augmentation} of image data: random changes to each training image, drawn anew
 * each epoch from the run's seed (validation and test images are left as they are), named as
 * Keras's preprocessing layers: {@code random_flip}, {@code random_rotation},
 * {@code random_translation}, {@code random_zoom}, and {@code random_crop} as torchvision's
 * {@code RandomCrop(size, padding)}, which keeps the image's size. Areas that come from outside
 * the image get {@code fill_value} (Keras's {@code fill_mode: constant}).
 *
 * @param steps each change: its settings with the defaults filled in, and how to make it for an image shape
 */
record AugmentationSpec(List<Step> steps) {

    /** One change, as written with its defaults, and its transform for images of a shape {@code [C, H, W]}. */
    record Step(Map<String, Object> resolved, Function<int[], Transform> transform) {
    }

    static final List<String> TYPES = List.of("random_flip", "random_rotation", "random_translation", "random_zoom",
            "random_crop");
    private static final List<String> FLIPS = List.of("horizontal", "vertical", "horizontal_and_vertical");

    /** Reads the list of changes, in the order they are applied. */
    static AugmentationSpec parse(ConfigNode node) {
        List<Step> steps = new ArrayList<>();
        for (ConfigNode entry : node.asList()) {
            ConfigMap map = entry.asMap();
            ConfigNode type = map.require("type");
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("type", type.asString());
            Function<int[], Transform> transform = switch (type.asString()) {
                case "random_flip" -> flip(map.allowOnly(List.of("type", "mode")), resolved);
                case "random_rotation" -> rotation(map.allowOnly(List.of("type", "factor", "fill_mode", "fill_value")),
                        resolved);
                case "random_translation" -> translation(map.allowOnly(List.of("type", "height_factor", "width_factor",
                        "fill_mode", "fill_value")), resolved);
                case "random_zoom" -> zoom(map.allowOnly(List.of("type", "height_factor", "width_factor", "fill_mode",
                        "fill_value")), resolved);
                case "random_crop" -> crop(map, resolved);
                default -> throw type.error("unknown augmentation " + type.describe() + "; known: "
                        + String.join(", ", TYPES) + Suggestions.didYouMean(type.asString(), TYPES));
            };
            steps.add(new Step(resolved, transform));
        }
        return new AugmentationSpec(List.copyOf(steps));
    }

    /** Keras's {@code RandomFlip(mode)}: each flip with probability one half. */
    private static Function<int[], Transform> flip(ConfigMap map, Map<String, Object> resolved) {
        String mode = map.string("mode", "horizontal_and_vertical");
        if (!FLIPS.contains(mode)) {
            throw map.get("mode").error("expected one of " + String.join(", ", FLIPS) + ", got '" + mode + "'");
        }
        resolved.put("mode", mode);
        List<Transform> flips = new ArrayList<>();
        if (mode.startsWith("horizontal")) {
            flips.add(new HorizontalFlip(0.5));
        }
        if (mode.endsWith("vertical")) {
            flips.add(new VerticalFlip(0.5));
        }
        return shape -> new Compose(flips);
    }

    /** Keras's {@code RandomRotation(factor)}: the factor is a fraction of a full turn, so 0.1 is ±36 degrees. */
    private static Function<int[], Transform> rotation(ConfigMap map, Map<String, Object> resolved) {
        double[] turns = range(map.require("factor"), false);
        float fill = fill(map, resolved);
        resolved.put("factor", List.of(turns[0], turns[1]));
        return shape -> new Rotation(360 * turns[0], 360 * turns[1], fill);
    }

    /** Keras's {@code RandomTranslation(height_factor, width_factor)}, fractions of the image's height and width. */
    private static Function<int[], Transform> translation(ConfigMap map, Map<String, Object> resolved) {
        double height = symmetric(map.require("height_factor"));
        double width = symmetric(map.require("width_factor"));
        float fill = fill(map, resolved);
        resolved.put("height_factor", height);
        resolved.put("width_factor", width);
        return shape -> new Translation(width, height, fill);
    }

    /**
     * Keras's {@code RandomZoom(height_factor)}: a factor f above 0 zooms out (the content shrinks
     * to 1 / (1 + f)), below 0 zooms in; one factor for both axes, as Nabla's {@link Zoom} keeps the
     * aspect.
     */
    private static Function<int[], Transform> zoom(ConfigMap map, Map<String, Object> resolved) {
        double[] factor = range(map.require("height_factor"), true);
        if (map.has("width_factor") && !Arrays.equals(range(map.get("width_factor"), true), factor)) {
            throw map.get("width_factor").error("a zoom here keeps the aspect ratio: give width_factor equal to"
                    + " height_factor, or leave it out");
        }
        float fill = fill(map, resolved);
        resolved.put("height_factor", List.of(factor[0], factor[1]));
        return shape -> new Zoom(1 / (1 + factor[1]), 1 / (1 + factor[0]), fill);
    }

    /** torchvision's {@code RandomCrop(size, padding)}: pads every side, then cuts a window of the image's size. */
    private static Function<int[], Transform> crop(ConfigMap map, Map<String, Object> resolved) {
        if (map.has("height") || map.has("width")) {
            throw (map.has("height") ? map.get("height") : map.get("width")).error("random_crop keeps the image's"
                    + " size: it pads every side by 'padding' pixels and cuts out a window of the original size"
                    + " (torchvision's RandomCrop(size, padding)); a smaller crop would change the model's input");
        }
        map.allowOnly(List.of("type", "padding", "padding_mode", "fill_value"));
        int padding = map.require("padding").asInt(1);
        String mode = map.string("padding_mode", "constant").toLowerCase(Locale.ROOT);
        if (!List.of("constant", "reflect", "replicate").contains(mode)) {
            throw map.get("padding_mode").error("expected constant, reflect or replicate, got '" + mode + "'");
        }
        float fill = (float) map.number("fill_value", 0);
        resolved.put("padding", padding);
        resolved.put("padding_mode", mode);
        resolved.put("fill_value", (double) fill);
        PadMode padMode = PadMode.valueOf(mode.toUpperCase(Locale.ROOT));
        return shape -> new RandomCrop(shape[1], shape[2], padding, padMode, fill);
    }

    /** The fill of areas from outside the image; only Keras's {@code constant} mode is supported. */
    private static float fill(ConfigMap map, Map<String, Object> resolved) {
        if (map.has("fill_mode") && !map.get("fill_mode").asString().equals("constant")) {
            throw map.get("fill_mode").error("only fill_mode: constant is supported (areas from outside the image get"
                    + " fill_value), got '" + map.get("fill_mode").asString() + "'");
        }
        double fill = map.number("fill_value", 0);
        resolved.put("fill_mode", "constant");
        resolved.put("fill_value", fill);
        return (float) fill;
    }

    /** One number f as [-f, f], or a [low, high] list; {@code aboveMinusOne} for zoom factors. */
    private static double[] range(ConfigNode node, boolean aboveMinusOne) {
        double[] out;
        if (node.isList()) {
            List<ConfigNode> pair = node.asList();
            if (pair.size() != 2) {
                throw node.error("expected one number or a [low, high] pair, got " + pair.size() + " numbers");
            }
            out = new double[] {pair.get(0).asDouble(), pair.get(1).asDouble()};
        } else {
            double f = Math.abs(node.asDouble());
            out = new double[] {-f, f};
        }
        if (!(out[0] <= out[1]) || aboveMinusOne && out[0] <= -1) {
            throw node.error("expected low ≤ high" + (aboveMinusOne ? " and both above -1" : "") + ", got ["
                    + out[0] + ", " + out[1] + "]");
        }
        return out;
    }

    /** A shift's largest fraction: one number f, or a symmetric [-f, f] pair, f at most 1. */
    private static double symmetric(ConfigNode node) {
        double[] pair = range(node, false);
        if (pair[0] != -pair[1] || pair[1] > 1) {
            throw node.error("expected a fraction f up to 1 for shifts in [-f, f], or the pair [-f, f]; got ["
                    + pair[0] + ", " + pair[1] + "]");
        }
        return pair[1];
    }

    /**
     * The changes for images of {@code sampleShape}, in order.
     *
     * @throws IllegalArgumentException when the samples are not images {@code [channels, height, width]}
     */
    Transform create(int[] sampleShape) {
        if (sampleShape.length != 3) {
            throw new IllegalArgumentException("data.augmentation: the changes need images [channels, height, width],"
                    + " got samples of shape " + Arrays.toString(sampleShape));
        }
        return new Compose(steps.stream().map(step -> step.transform().apply(sampleShape)).toList());
    }

    /** The list with its defaults filled in, for {@code config.resolved.yaml}. */
    List<Map<String, Object>> resolved() {
        return steps.stream().map(Step::resolved).toList();
    }
}
