package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.AugmentedDataset;
import dev.nabla.data.image.Compose;
import dev.nabla.data.image.HorizontalFlip;
import dev.nabla.data.image.RandomCrop;
import dev.nabla.data.image.Rotation;
import dev.nabla.data.image.Translation;
import dev.nabla.data.image.VerticalFlip;
import dev.nabla.data.image.Zoom;
import dev.nabla.tensor.PadMode;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentationSpecTest {

    @TempDir
    Path directory;

    private static final String EXPERIMENT = """
            data:
              name: digits
              limit: 200
              validation_split: 0.25
              augmentation:
                - {type: random_flip, mode: horizontal}
                - {type: random_rotation, factor: 0.1}
                - {type: random_translation, height_factor: 0.2, width_factor: 0.1}
                - {type: random_zoom, height_factor: [-0.2, 0.25]}
                - {type: random_crop, padding: 2}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training: {loss: sparse_categorical_crossentropy, metrics: [accuracy], epochs: 2}
            """;

    private Experiment parse(String text) {
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), directory.resolve("run"), Experiment.Overrides.NONE);
    }

    private Compose transforms(String text) {
        return (Compose) parse(text).data().augmentation().create(new int[] {1, 8, 8});
    }

    @Test
    void kerasNamesBecomeNablasTransformsInOrder() {
        Compose all = transforms(EXPERIMENT);

        assertEquals(new Compose(new HorizontalFlip(0.5)), all.transforms().get(0));
        assertEquals(new Rotation(-36, 36, 0f), all.transforms().get(1), "a factor is a fraction of a full turn");
        assertEquals(new Translation(0.1, 0.2, 0f), all.transforms().get(2));
        assertEquals(new Zoom(1 / 1.25, 1 / 0.8, 0f), all.transforms().get(3), "a positive factor zooms out");
        assertEquals(new RandomCrop(8, 8, 2, PadMode.CONSTANT, 0f), all.transforms().get(4));
        assertEquals(new Compose(new HorizontalFlip(0.5), new VerticalFlip(0.5)),
                transforms(EXPERIMENT.replace("mode: horizontal", "mode: horizontal_and_vertical"))
                        .transforms().get(0));
    }

    @Test
    void theResolvedFileKeepsEveryChangeWithItsDefaults() {
        Map<String, Object> data = parse(EXPERIMENT).data().resolved();

        assertEquals(List.of(Map.of("type", "random_flip", "mode", "horizontal"),
                Map.of("type", "random_rotation", "fill_mode", "constant", "fill_value", 0.0, "factor",
                        List.of(-0.1, 0.1)),
                Map.of("type", "random_translation", "fill_mode", "constant", "fill_value", 0.0, "height_factor", 0.2,
                        "width_factor", 0.1),
                Map.of("type", "random_zoom", "fill_mode", "constant", "fill_value", 0.0, "height_factor",
                        List.of(-0.2, 0.25)),
                Map.of("type", "random_crop", "padding", 2, "padding_mode", "constant", "fill_value", 0.0)),
                data.get("augmentation"));
    }

    @Test
    void onlyTheTrainingPartIsAugmentedAndValidationIsCutOffFirst() {
        Experiment experiment = parse(EXPERIMENT);
        TensorDataset train = new TensorDataset(Tensor.arange(8 * 64).reshape(8, 1, 8, 8), Tensor.arange(8));

        FitData data = FitData.of(experiment, train, new int[] {1, 8, 8}, FitOptions.defaults().validationSplit(0.25f));

        AugmentedDataset training = assertInstanceOf(AugmentedDataset.class, data.training());
        assertEquals(6, training.size());
        assertEquals(0f, data.options().validationSplit());
        TensorDataset validation = assertInstanceOf(TensorDataset.class, data.options().validationData());
        assertTrue(validation.features().allClose(train.features().slice(0, 6, 8), 0f, 0f),
                "validation images unchanged");
    }

    @Test
    void aRunTrainsOnAugmentedImagesAndItsResolvedFileRunsAgain() throws IOException {
        Map<String, Double> test = ExperimentRun.run(parse(EXPERIMENT), new PrintWriter(new StringWriter()));

        assertTrue(Double.isFinite(test.get("loss")), test.toString());
        assertEquals(3, Files.readAllLines(directory.resolve("run/history.csv")).size());
        Experiment again = Experiment.read(directory.resolve("run/config.resolved.yaml"), Experiment.Overrides.NONE);
        assertEquals(parse(EXPERIMENT).data().resolved(), again.data().resolved());
    }

    @Test
    void mistakesAreReportedAtTheirLine() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> parse(EXPERIMENT.replace("random_flip,", "random_flipp,")));
        ConfigException crop = assertThrows(ConfigException.class,
                () -> parse(EXPERIMENT.replace("padding: 2", "height: 6, width: 6")));
        ConfigException reflect = assertThrows(ConfigException.class,
                () -> parse(EXPERIMENT.replace("factor: 0.1}", "factor: 0.1, fill_mode: reflect}")));
        ConfigException shape = assertThrows(ConfigException.class,
                () -> parse(EXPERIMENT.replace("width_factor: 0.1", "width_factor: [0, 0.1]")));

        assertEquals("x.yaml:6: data.augmentation[0].type: unknown augmentation 'random_flipp'; known: random_flip,"
                + " random_rotation, random_translation, random_zoom, random_crop; did you mean 'random_flip'?",
                unknown.getMessage());
        assertTrue(crop.getMessage().startsWith("x.yaml:10: data.augmentation[4].height: random_crop keeps the image's"
                + " size"), crop.getMessage());
        assertEquals("x.yaml:7: data.augmentation[1].fill_mode: only fill_mode: constant is supported (areas from"
                + " outside the image get fill_value), got 'reflect'", reflect.getMessage());
        assertEquals("data.augmentation[2].width_factor", shape.path());
    }
}
