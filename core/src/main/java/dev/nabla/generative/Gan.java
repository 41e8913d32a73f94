package dev.nabla.generative;

import dev.nabla.data.Batch;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.BinaryCrossEntropy;
import dev.nabla.loss.Loss;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
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
 * <p>{@link #withAuxiliaryClassifier} makes a conditional GAN whose discriminator is an auxiliary
 * classifier (AC-GAN, Odena et al. 2017): it sees the image alone and gives {@code classes} class
 * logits after its real-or-fake logit, {@code [N, 1 + classes]}. The discriminator also learns to
 * classify the real images (cross entropy against their labels) and the generator to make images
 * it classifies as the label asked for, which makes the samples follow their label far sooner
 * than label planes alone do.
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
    private static final String AUXILIARY = "generative.auxiliary_classifier";

    private static final Loss LOGITS = new BinaryCrossEntropy().fromLogits(true);
    private static final Loss CLASSIFY = new SparseCategoricalCrossEntropy().fromLogits(true);
    private final Layer generator;
    private final Layer discriminator;
    private final int latentSize;
    private final int classes;
    private final boolean auxiliary;
    private long seed = 1;
    private float labelSmoothing;

    /**
     * A GAN of these networks, both built at once if they are not yet, compiled with Adam
     * (learning rate 2e-4, β₁ 0.5, as DCGAN's paper) for each.
     *
     * @param latentSize the noise size
     * @param classes    the number of classes of a conditional GAN, or 0
     * @throws IllegalArgumentException unless the discriminator gives one logit per image
     */
    public Gan(Layer generator, Layer discriminator, int latentSize, int classes) {
        this(generator, discriminator, latentSize, classes, false);
    }

    /**
     * A conditional GAN whose discriminator is an auxiliary classifier (AC-GAN): it takes images
     * {@code [N, C, H, W]} alone and gives {@code [N, 1 + classes]}, a real-or-fake logit then the
     * class logits ({@link Dcgan#auxiliaryDiscriminator}).
     *
     * @throws IllegalArgumentException for fewer than 2 classes, or a discriminator giving another shape
     */
    public static Gan withAuxiliaryClassifier(Layer generator, Layer discriminator, int latentSize, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("Gan: an auxiliary classifier needs at least 2 classes, got " + classes);
        }
        return new Gan(generator, discriminator, latentSize, classes, true);
    }

    Gan(Layer generator, Layer discriminator, int latentSize, int classes, boolean auxiliary) {
        super(new Sequential(generator, discriminator));
        if (latentSize < 1 || classes < 0 || classes == 1) {
            throw new IllegalArgumentException("Gan: need a latent size of at least 1 and 0 (unconditional) or at least"
                    + " 2 classes, got latent size " + latentSize + " and " + classes + " classes");
        }
        this.generator = generator;
        this.discriminator = discriminator;
        this.latentSize = latentSize;
        this.classes = classes;
        this.auxiliary = auxiliary;
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            Tensor labels = classes == 0 ? null : Tensor.zeros(2);
            Tensor images = generator.forward(generatorInput(Tensor.zeros(2, latentSize), labels));
            int outputs = discriminator.forward(discriminatorInput(images, labels)).dim(1);
            if (outputs != (auxiliary ? 1 + classes : 1)) {
                throw new IllegalArgumentException("Gan: the discriminator must give " + (auxiliary ? "1 + " + classes
                        + " logits (real or fake, then the classes)" : "1 logit") + " per image, got " + outputs);
            }
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

        Tensor realScores = discriminator.forward(real);
        Tensor realLoss = LOGITS.apply(realness(realScores), Tensor.full(1f - labelSmoothing, n, 1));
        Tensor fakeLoss = LOGITS.apply(realness(discriminator.forward(discriminatorInput(fake.detach(), labels))),
                Tensor.zeros(n, 1));
        Tensor discriminatorLoss = realLoss.add(fakeLoss);
        if (auxiliary) {
            discriminatorLoss = discriminatorLoss.add(CLASSIFY.apply(classLogits(realScores), labels));
        }
        discriminatorLoss.backward();
        applyGradients(DISCRIMINATOR);

        Tensor fakeScores = discriminator.forward(discriminatorInput(fake, labels));
        Tensor generatorLoss = LOGITS.apply(realness(fakeScores), Tensor.ones(n, 1));
        if (auxiliary) {
            generatorLoss = generatorLoss.add(CLASSIFY.apply(classLogits(fakeScores), labels));
        }
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
            return realness(discriminator.forward(discriminatorInput(images.mul(2f).sub(1f),
                    classes == 0 ? null : labels))).sigmoid();
        }
    }

    /** The real-or-fake logits {@code [N, 1]} of the discriminator's scores. */
    private Tensor realness(Tensor scores) {
        return auxiliary ? scores.slice(1, 0, 1) : scores;
    }

    /** An auxiliary classifier's class logits {@code [N, classes]}. */
    private Tensor classLogits(Tensor scores) {
        return scores.slice(1, 1, 1 + classes);
    }

    /** Whether the discriminator is an auxiliary classifier ({@link #withAuxiliaryClassifier}). */
    public boolean auxiliaryClassifier() {
        return auxiliary;
    }

    /** The seed of the training noise. */
    long noiseSeed() {
        return seed;
    }

    /** Noise and, when conditional, the labels one-hot: {@code [N, latentSize + classes]}. */
    Tensor generatorInput(Tensor noise, Tensor labels) {
        return labels == null ? noise : Tensor.concat(1, noise, oneHot(labels, classes));
    }

    /** Images and, when conditional without an auxiliary classifier, one constant plane per class: {@code [N, C + classes, H, W]}. */
    Tensor discriminatorInput(Tensor images, Tensor labels) {
        if (labels == null || auxiliary) {
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
        Map<String, String> state = state(KIND, latentSize, classes);
        if (auxiliary) {
            state.put(AUXILIARY, "true");
        }
        return state;
    }

    /** A GAN saved by a {@link dev.nabla.train.ModelCheckpoint}: its networks, optimizers' state and settings. */
    static Gan of(ModelFile.LoadedModel loaded) {
        Sequential both = (Sequential) loaded.model();
        Map<String, String> state = loaded.trainingState();
        return new Gan(both.get(0), both.get(1), Integer.parseInt(state.get(LATENT_SIZE)),
                Integer.parseInt(state.get(CLASSES)), Boolean.parseBoolean(state.get(AUXILIARY)));
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
