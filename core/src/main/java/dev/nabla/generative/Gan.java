package dev.nabla.generative;

import dev.nabla.data.Batch;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.BinaryCrossEntropy;
import dev.nabla.loss.Loss;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generative adversarial network as a {@link dev.nabla.train.Model} whose {@link #trainStep}
 * is Keras 3's GAN {@code train_step}: the discriminator learns to tell real images from
 * generated ones, then the generator learns to fool it, each with its own optimizer (named
 * {@value #GENERATOR} and {@value #DISCRIMINATOR}); {@code fit} logs {@code d_loss} and {@code
 * g_loss}. The generator maps noise {@code [N, latentSize]} (with a one-hot label appended when
 * conditional) to images {@code [N, C, H, W]} in [-1, 1] (tanh); the discriminator maps images
 * (with {@code classes} one-hot label planes appended as channels when conditional) to one logit
 * {@code [N, 1]}. Real images come from the data in [0, 1], the targets being class labels for
 * a conditional GAN.
 *
 * <p>Both networks form one {@code Sequential} so a checkpoint holds them, both optimizers and
 * the settings; a step's noise is drawn from the seed and the {@link #globalStep()}, so a run
 * restored from a checkpoint draws the noise the uninterrupted run would have.
 *
 * <pre>{@code
 * Gan gan = new Gan(Dcgan.generator(64, 0, 32), Dcgan.discriminator(0, 32), 64, 0);
 * gan.fit(FashionMnist.load().train(), FitOptions.defaults().epochs(5).batchSize(64));
 * Tensor images = gan.sample(64, -1, 7);   // [64, 1, 28, 28] in [0, 1]
 * }</pre>
 */
public class Gan extends GenerativeModel {

    /** The optimizer of the generator. */
    public static final String GENERATOR = "generator";
    /** The optimizer of the discriminator. */
    public static final String DISCRIMINATOR = "discriminator";
    static final String KIND = "gan";

    private static final Loss LOGITS = new BinaryCrossEntropy().fromLogits(true);
    private final Layer generator;
    private final Layer discriminator;
    private final int latentSize;
    private final int classes;
    private long seed = 1;
    private float labelSmoothing;

    /**
     * A GAN of these networks, both built at once if they are not yet, compiled with Adam
     * (learning rate 2e-4, β₁ 0.5, as DCGAN's paper) for each.
     *
     * @param latentSize the noise size
     * @param classes    the number of classes of a conditional GAN, or 0
     */
    public Gan(Layer generator, Layer discriminator, int latentSize, int classes) {
        super(new Sequential(generator, discriminator));
        if (latentSize < 1 || classes < 0 || classes == 1) {
            throw new IllegalArgumentException("Gan: need a latent size of at least 1 and 0 (unconditional) or at least"
                    + " 2 classes, got latent size " + latentSize + " and " + classes + " classes");
        }
        this.generator = generator;
        this.discriminator = discriminator;
        this.latentSize = latentSize;
        this.classes = classes;
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            Tensor labels = classes == 0 ? null : Tensor.zeros(2);
            Tensor images = generator.forward(generatorInput(Tensor.zeros(2, latentSize), labels));
            discriminator.forward(discriminatorInput(images, labels));
        }
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put(GENERATOR, new Adam(generator.trainableParameters(), 2e-4f).beta1(0.5f));
        optimizers.put(DISCRIMINATOR, new Adam(discriminator.trainableParameters(), 2e-4f).beta1(0.5f));
        compile(optimizers, null);
    }

    /**
     * One-sided label smoothing (Salimans et al. 2016): the discriminator's targets for real
     * images are {@code 1 - amount} instead of 1 (0.1 is usual; 0, the default, is none); returns this.
     */
    public Gan labelSmoothing(float amount) {
        if (!(amount >= 0 && amount < 1)) {
            throw new IllegalArgumentException("Gan: label smoothing must be in [0, 1), got " + amount);
        }
        labelSmoothing = amount;
        return this;
    }

    /** The seed of the training noise (1 by default); returns this. */
    public Gan seed(long value) {
        seed = value;
        return this;
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        network().train();
        int n = batch.size();
        Tensor labels = classes == 0 ? null : batch.targets();
        Tensor real = discriminatorInput(batch.features().mul(2f).sub(1f), labels);
        Tensor noise = Tensor.randn(stepGenerator(seed, globalStep()), n, latentSize);
        Tensor fake = generator.forward(generatorInput(noise, labels));

        Tensor realLoss = LOGITS.apply(discriminator.forward(real), Tensor.full(1f - labelSmoothing, n, 1));
        Tensor fakeLoss = LOGITS.apply(discriminator.forward(discriminatorInput(fake.detach(), labels)),
                Tensor.zeros(n, 1));
        Tensor discriminatorLoss = realLoss.add(fakeLoss);
        discriminatorLoss.backward();
        applyGradients(DISCRIMINATOR);

        Tensor generatorLoss = LOGITS.apply(discriminator.forward(discriminatorInput(fake, labels)), Tensor.ones(n, 1));
        generatorLoss.backward();
        applyGradients(GENERATOR);
        optimizer(DISCRIMINATOR).zeroGrad();   // the generator's loss reached the discriminator's weights too
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("d_loss", (double) discriminatorLoss.item());
        logs.put("g_loss", (double) generatorLoss.item());
        return logs;
    }

    /** No test loss: a GAN's losses say little about its samples (see {@link FrechetDistance} instead). */
    @Override
    protected Map<String, Double> testStep(Batch batch) {
        return Map.of();
    }

    /**
     * {@code count} images {@code [count, C, H, W]} in [0, 1] from the noise of {@code seed}, in
     * evaluation mode; a conditional GAN makes each of class {@code label}, or with label −1
     * cycles through the classes (image i of class i mod classes).
     */
    @Override
    public Tensor sample(int count, int label, long noiseSeed) {
        checkLabel(label, classes);
        Tensor labels = classes == 0 ? null : labelsFor(count, label, classes);
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            Tensor noise = Tensor.randn(new Generator(noiseSeed), count, latentSize);
            return generator.forward(generatorInput(noise, labels)).add(1f).mul(0.5f);
        }
    }

    /** The discriminator's probabilities that {@code images [N, C, H, W]} in [0, 1] are real (of class {@code labels} when conditional). */
    public Tensor realness(Tensor images, Tensor labels) {
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            return discriminator.forward(discriminatorInput(images.mul(2f).sub(1f), classes == 0 ? null : labels))
                    .sigmoid();
        }
    }

    /** Noise and, when conditional, the labels one-hot: {@code [N, latentSize + classes]}. */
    private Tensor generatorInput(Tensor noise, Tensor labels) {
        return labels == null ? noise : Tensor.concat(1, noise, oneHot(labels, classes));
    }

    /** Images and, when conditional, one constant plane per class: {@code [N, C + classes, H, W]}. */
    private Tensor discriminatorInput(Tensor images, Tensor labels) {
        if (labels == null) {
            return images;
        }
        int n = images.dim(0);
        Tensor planes = oneHot(labels, classes).reshape(n, classes, 1, 1).expand(n, classes, images.dim(2),
                images.dim(3));
        return Tensor.concat(1, images, planes);
    }

    /** The generator: noise (and a one-hot label) to images in [-1, 1]. */
    public Layer generator() {
        return generator;
    }

    /** The discriminator: images (and label planes) to a logit. */
    public Layer discriminator() {
        return discriminator;
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    protected Map<String, String> checkpointState() {
        return state(KIND, latentSize, classes);
    }

    /** A GAN saved by a {@link dev.nabla.train.ModelCheckpoint}: its networks, optimizers' state and settings. */
    static Gan of(ModelFile.LoadedModel loaded) {
        Sequential both = (Sequential) loaded.model();
        Map<String, String> state = loaded.trainingState();
        return new Gan(both.get(0), both.get(1), Integer.parseInt(state.get(LATENT_SIZE)),
                Integer.parseInt(state.get(CLASSES)));
    }

    /**
     * A GAN read from a checkpoint, its optimizers' state and {@link #globalStep()} restored, so
     * that {@code fit} from the file's {@code epoch} continues the run.
     *
     * @throws IOException if the file cannot be read, or holds no GAN
     */
    public static Gan load(Path file) throws IOException {
        return (Gan) GenerativeModel.load(file);
    }
}
