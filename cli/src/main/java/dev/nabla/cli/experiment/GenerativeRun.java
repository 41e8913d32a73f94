package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.generative.Autoencoder;
import dev.nabla.generative.FrechetDistance;
import dev.nabla.generative.Gan;
import dev.nabla.generative.GenerativeModel;
import dev.nabla.generative.LatentScatter;
import dev.nabla.generative.SampleGrid;
import dev.nabla.generative.SampleQuality;
import dev.nabla.generative.Vae;
import dev.nabla.io.JsonWriter;
import dev.nabla.nn.Summary;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.CsvLogger;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs an experiment whose model is {@code generative} ({@link GenerativeSpec}): trains the GAN,
 * VAE or autoencoder and writes, besides the usual {@code config.resolved.yaml}, {@code
 * history.csv}, {@code last.nabla} (with {@code best.nabla} a copy of it: a GAN's losses do not
 * rank its epochs) and {@code curves.png}: a GAN's or VAE's {@code samples-epoch-NNN.png} after
 * every epoch and {@code metrics.json} with FID-FMNIST and the label histogram ({@link
 * SampleQuality}), a VAE's test {@code negative_elbo} (nats) and {@code interpolation.png}, an
 * autoencoder's test loss, {@code reconstructions.png} and with a held-out class its {@code
 * anomaly_auc}; with a 2-d code, {@code latent.png}. A GAN's {@code metrics.json} also holds
 * FID-FMNIST's floor (the training images against the test images) and ceiling (the untrained
 * generator's samples), {@code fid_fmnist_floor} and {@code fid_fmnist_ceiling}.
 */
final class GenerativeRun {

    private static final long SAMPLE_SEED = 7;

    private GenerativeRun() {
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        GenerativeSpec spec = experiment.model().generative();
        Split split = experiment.data().load();
        int[] sampleShape = DataSpec.sampleShapeOf(split);
        Model model = spec.create(sampleShape, experiment.training().seed());
        compileOptimizers(model, experiment.training());
        ExperimentRun.describe(experiment.data(), split, sampleShape, out);
        TensorDataset train = split.train();
        if (spec.anomalyClass() >= 0) {
            train = withLabel(train, spec.anomalyClass(), false);
            out.printf(Locale.ROOT, "class %d held out as the anomaly: %d training images remain%n",
                    spec.anomalyClass(), train.size());
        }
        out.print(summary(model, spec));
        out.flush();
        ExperimentRun.writeResolved(experiment, sampleShape);
        Path output = experiment.output();
        List<Callback> callbacks = new ArrayList<>(List.of(new CsvLogger(output.resolve("history.csv"))));
        experiment.training().callbacks().forEach(c -> callbacks.add(c.create(output)));
        if (model instanceof GenerativeModel generative) {
            callbacks.add(new SampleGrid(generative, output, 64, SAMPLE_SEED));
        }
        callbacks.add(new ModelCheckpoint(output.resolve("last.nabla")));
        History history = model.fit(train, FitOptions.defaults().epochs(experiment.training().epochs())
                .batchSize(experiment.training().batchSize()).validationSplit(experiment.data().validationSplit())
                .shuffle(experiment.training().shuffle(), experiment.training().seed())
                .callbacks(callbacks.toArray(Callback[]::new)));
        Files.copy(output.resolve("last.nabla"), output.resolve("best.nabla"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Double> metrics = measure(spec, model, split, experiment, out);
        Files.writeString(output.resolve("metrics.json"), JsonWriter.writeLine(JsonWriter.finiteOrNull(metrics)) + "\n");
        Curves.write(history, output.resolve("curves.png"));
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> {
            if (!k.startsWith("label_") || k.equals("label_accuracy")) {
                parts.add(String.format(Locale.ROOT, "test %s %.4f", k, v));
            }
        });
        out.println(String.join(", ", parts));
        out.println("wrote " + output + ": " + String.join(", ", ExperimentRun.FILES)
                + (model instanceof GenerativeModel ? ", samples-epoch-*.png" : ""));
        out.flush();
        return metrics;
    }

    private static Map<String, Double> measure(GenerativeSpec spec, Model model, Split split,
                                               Experiment experiment, PrintWriter out) throws IOException {
        TensorDataset test = split.test();
        Path output = experiment.output();
        Map<String, Double> metrics = new LinkedHashMap<>();
        int batch = experiment.training().batchSize();
        Tensor images = test.features();
        if (model instanceof Autoencoder autoencoder) {
            TensorDataset normal = spec.anomalyClass() < 0 ? test : withLabel(test, spec.anomalyClass(), false);
            metrics.putAll(autoencoder.evaluate(normal, batch));
            if (spec.anomalyClass() >= 0) {
                Tensor anomalies = withLabel(test, spec.anomalyClass(), true).features();
                metrics.put("anomaly_auc", autoencoder.anomalyAuc(normal.features(), anomalies));
            }
            Tensor shown = images.slice(0, 0, Math.min(10, images.dim(0)));
            SampleGrid.write(Tensor.concat(0, shown, autoencoder.reconstruct(shown)), shown.dim(0),
                    output.resolve("reconstructions.png"));
            if (spec.latentSize() == 2) {
                scatter(autoencoder.encode(images), test, experiment);
            }
            return metrics;
        }
        GenerativeModel generative = (GenerativeModel) model;
        if (generative instanceof Vae vae) {
            metrics.putAll(vae.evaluate(test, batch));
            Tensor ends = Tensor.concat(0, IntStream.range(0, Math.min(8, images.dim(0) / 2))
                    .mapToObj(i -> vae.interpolate(images.slice(0, 2 * i, 2 * i + 1),
                            images.slice(0, 2 * i + 1, 2 * i + 2), 10)).toArray(Tensor[]::new));
            SampleGrid.write(ends, 10, output.resolve("interpolation.png"));
            if (spec.latentSize() == 2) {
                scatter(vae.encode(images), test, experiment);
            }
        }
        int count = Math.min(spec.samples(), images.dim(0));
        out.printf(Locale.ROOT, "FID-FMNIST of %d samples against %d test images...%n", count, count);
        out.flush();
        Tensor real = images.slice(0, 0, count);
        metrics.putAll(SampleQuality.measure(generative, real, count, SAMPLE_SEED));
        if (generative instanceof Gan) {   // the floor: real images; the ceiling: the untrained generator
            Tensor train = split.train().features();
            metrics.put("fid_fmnist_floor", FrechetDistance.fidFmnist(train.slice(0, 0, Math.min(count,
                    train.dim(0))), real));
            GenerativeModel untrained = (GenerativeModel) spec.create(null, experiment.training().seed());
            metrics.put("fid_fmnist_ceiling", SampleQuality.measure(untrained, real, count, SAMPLE_SEED)
                    .get("fid_fmnist"));
        }
        SampleGrid.write(generative.sample(64, -1, SAMPLE_SEED), generative.classes(), output.resolve("samples.png"));
        return metrics;
    }

    /**
     * Refuses optimizers by network name ({@code optimizer: {generator: ...}}) unless the model is
     * a GAN, and learning-rate schedules and layer groups for generative models.
     */
    static void checkOptimizers(GenerativeSpec spec, TrainingSpec training, ConfigNode trainingNode) {
        boolean named = !training.namedOptimizers().isEmpty();
        if (!named && (spec == null || training.optimizer().schedule() == null && !training.optimizer().hasGroups())) {
            return;
        }
        ConfigNode node = trainingNode.asMap().get("optimizer");
        if (spec == null) {
            throw node.error("optimizers by network name (" + String.join(", ", training.namedOptimizers().keySet())
                    + ") are for a generative gan or wgan-gp; give one optimizer: {name: adam, ...}");
        }
        if (named && spec.optimizerNames().isEmpty()) {
            throw node.error("a " + spec.kind() + " has one optimizer; give it as optimizer: {name: adam, ...}");
        }
        if (training.optimizer().schedule() != null) {
            throw node.error("a learning-rate schedule is not supported for generative models; give a constant"
                    + " learning_rate");
        }
        if (training.optimizer().hasGroups()) {
            throw node.error("optimizer groups are not supported for generative models; give each network its"
                    + " own optimizer (optimizer: {generator: ..., discriminator: ...})");
        }
    }

    /**
     * Replaces the model's own optimizers by the file's: one optimizer for every network, or one
     * per network by name; the networks the file does not name keep the model's own.
     */
    static void compileOptimizers(Model model, TrainingSpec training) {
        OptimizerSpec every = training.optimizer().given() ? training.optimizer() : null;
        if (every == null && training.namedOptimizers().isEmpty()) {
            return;
        }
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        model.optimizers().forEach((name, own) -> {
            OptimizerSpec spec = training.namedOptimizers().getOrDefault(name, every);
            optimizers.put(name, spec == null ? own : spec.factory(null).apply(own.parameters()));
        });
        model.compile(optimizers, model.loss());
    }

    /** The summary of each network of the model, for its own input. */
    private static String summary(Model model, GenerativeSpec spec) {
        if (model instanceof Gan gan) {
            return "generator:\n" + Summary.of(gan.generator(), spec.latentSize() + spec.classes())
                    + "discriminator:\n" + Summary.of(gan.discriminator(),
                    gan.auxiliaryClassifier() ? 1 : 1 + spec.classes(), 28, 28);
        }
        if (model instanceof Vae vae) {
            return "encoder:\n" + Summary.of(vae.encoder(), 1, 28, 28) + "decoder:\n"
                    + Summary.of(vae.decoder(), spec.latentSize());
        }
        return Summary.of(model.network(), 1, 28, 28);
    }

    private static void scatter(Tensor codes, TensorDataset test, Experiment experiment) throws IOException {
        LatentScatter.write(codes, test.targets(), experiment.data().classNames(),
                experiment.output().resolve("latent.png"));
    }

    /** The examples whose label is {@code label} ({@code equal}) or is not. */
    static TensorDataset withLabel(TensorDataset data, int label, boolean equal) {
        float[] labels = data.targets().toFloatArray();
        int[] kept = IntStream.range(0, labels.length).filter(i -> (labels[i] == label) == equal).toArray();
        return data.subset(kept);
    }
}
