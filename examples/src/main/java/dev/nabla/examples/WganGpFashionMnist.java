package dev.nabla.examples;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.FashionMnist;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.Images;
import dev.nabla.loss.GradientPenalty;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A Wasserstein GAN with gradient penalty (WGAN-GP, Gulrajani et al. 2017) on Fashion-MNIST,
 * written with the low-level API: two networks, two Adam optimizers with betas (0.5, 0.9), and
 * a loop of {@code backward()} and {@code step()}. Per generator step the critic takes
 * {@value #CRITIC_STEPS} steps on the loss {@code D(fake) − D(real) + GP}, where GP is
 * {@link GradientPenalty#wasserstein} with λ = 10; the critic has no batch norm, since the
 * penalty is taken per sample. Each epoch writes a PNG grid of 64 samples from fixed noise.
 *
 * <p>Run with {@code --epochs N --limit N} (the first N training images); samples go to
 * {@code wgan-gp-samples/} or the directory given as the last argument.
 */
public final class WganGpFashionMnist {

    /** Size of the noise vector the generator maps to an image. */
    static final int LATENT = 64;
    /** Critic steps per generator step (the paper's n_critic). */
    static final int CRITIC_STEPS = 5;
    /** Images per batch. */
    static final int BATCH = 64;

    /** What one epoch measured, each averaged over its steps. */
    record Epoch(int epoch, double wasserstein, double penalty, double generatorLoss, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %d: Wasserstein estimate %.4f, gradient penalty %.4f,"
                    + " generator loss %.4f, %.0f s", epoch, wasserstein, penalty, generatorLoss, seconds);
        }
    }

    private WganGpFashionMnist() {
    }

    public static void main(String[] args) throws IOException {
        boolean directoryGiven = args.length % 2 == 1;
        String[] options = directoryGiven ? java.util.Arrays.copyOf(args, args.length - 1) : args;
        Path samples = Path.of(directoryGiven ? args[args.length - 1] : "wgan-gp-samples");
        run(ExampleOptions.parse(options, 5), samples);
    }

    /** [N, LATENT] → [N, 1, 28, 28] images in [-1, 1]. */
    static Sequential generator() {
        ConvolutionOptions doubling = ConvolutionOptions.defaults().stride(2).padding(1);
        return new Sequential(
                new Dense(Dense.Config.of(64 * 7 * 7).inFeatures(LATENT).activation(ActivationFunction.RELU)),
                new Reshape(64, 7, 7),
                new ConvTranspose2d(ConvTranspose2d.Config.of(32, 4).inChannels(64).options(doubling)),  // 14 × 14
                new BatchNorm2d(32), new Relu(),
                new ConvTranspose2d(ConvTranspose2d.Config.of(1, 4).inChannels(32).options(doubling)),   // 28 × 28
                new Tanh());
    }

    /** [N, 1, 28, 28] → [N, 1] scores, higher for images that look real; no batch norm. */
    static Sequential critic() {
        ConvolutionOptions halving = ConvolutionOptions.defaults().stride(2).padding(1);
        return new Sequential(
                new Conv2d(Conv2d.Config.of(32, 4).inChannels(1).options(halving)), new LeakyRelu(0.2f),   // 14 × 14
                new Conv2d(Conv2d.Config.of(64, 4).inChannels(32).options(halving)), new LeakyRelu(0.2f),  // 7 × 7
                new Flatten(),
                new Dense(Dense.Config.of(1).inFeatures(64 * 7 * 7)));
    }

    /** Trains for the given epochs, writing samples-EPOCH.png into {@code sampleDirectory}; returns each epoch's numbers. */
    static List<Epoch> run(ExampleOptions options, Path sampleDirectory) throws IOException {
        TensorDataset images = options.limit(FashionMnist.load().train());
        TensorDataset train = new TensorDataset(images.features().mul(2f).sub(1f), images.targets()); // to [-1, 1]
        Layer.manualSeed(1);
        Sequential generator = generator();
        Sequential critic = critic();
        Optimizer generatorOptimizer = new Adam(generator.trainableParameters(), 2e-4f).beta1(0.5f).beta2(0.9f);
        Optimizer criticOptimizer = new Adam(critic.trainableParameters(), 2e-4f).beta1(0.5f).beta2(0.9f);
        Generator random = new Generator(2);
        Tensor fixedNoise = Tensor.randn(new Generator(3), 64, LATENT);
        DataLoader loader = new DataLoader(train, BATCH, new Generator(4), true);
        List<Epoch> history = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            double wasserstein = 0;
            double penalty = 0;
            double generatorLoss = 0;
            int generatorSteps = 0;
            Iterator<Batch> batches = loader.iterator();
            while (batches.hasNext()) {
                for (int k = 0; k < CRITIC_STEPS && batches.hasNext(); k++) {
                    Tensor real = batches.next().features();
                    Tensor fake;
                    try (NoGrad ignored = NoGrad.enter()) {
                        fake = generator.forward(Tensor.randn(random, real.dim(0), LATENT));
                    }
                    Tensor distance = critic.forward(real).mean().sub(critic.forward(fake).mean());
                    Tensor gradientPenalty = GradientPenalty.wasserstein(critic::forward, real, fake,
                            GradientPenalty.DEFAULT_WEIGHT, random);
                    distance.neg().add(gradientPenalty).backward();
                    criticOptimizer.step();
                    criticOptimizer.zeroGrad();
                    wasserstein += distance.item() / CRITIC_STEPS;
                    penalty += gradientPenalty.item() / CRITIC_STEPS;
                }
                Tensor generated = generator.forward(Tensor.randn(random, BATCH, LATENT));
                Tensor loss = critic.forward(generated).mean().neg();
                loss.backward();
                generatorOptimizer.step();
                generatorOptimizer.zeroGrad();
                criticOptimizer.zeroGrad(); // the generator's loss also left gradients in the critic
                generatorLoss += loss.item();
                generatorSteps++;
            }
            Epoch numbers = new Epoch(epoch, wasserstein / generatorSteps, penalty / generatorSteps,
                    generatorLoss / generatorSteps, (System.nanoTime() - start) / 1e9);
            System.out.println(numbers);
            history.add(numbers);
            Images.writePng(grid(generator, fixedNoise), sampleDirectory.resolve("samples-" + epoch + ".png"));
        }
        return history;
    }

    /** 64 samples from {@code noise} as one [1, 224, 224] image, 8 × 8 tiles, mapped back to [0, 1]. */
    static Tensor grid(Sequential generator, Tensor noise) {
        generator.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor images = generator.forward(noise).add(1f).mul(0.5f);     // [64, 1, 28, 28]
            return images.reshape(8, 8, 28, 28).permute(0, 2, 1, 3).reshape(1, 8 * 28, 8 * 28);
        } finally {
            generator.train();
        }
    }
}
