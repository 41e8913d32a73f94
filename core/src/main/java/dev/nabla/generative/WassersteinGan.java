package dev.nabla.generative;

import dev.nabla.data.Batch;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.GradientPenalty;
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
 * A Wasserstein GAN with gradient penalty (WGAN-GP, Gulrajani et al. 2017) as a {@link Gan}
 * whose {@link #trainStep} is the paper's: every batch trains the critic (the discriminator, one
 * unbounded score per image, no batch norm: {@link Dcgan#critic}) to raise its scores of real
 * images over generated ones, {@code mean D(fake) − mean D(real) + λ·penalty} with {@link
 * GradientPenalty#wasserstein}; every {@code criticSteps}-th batch then also trains the generator
 * to raise the critic's scores of its images, {@code −mean D(G(z))}. Adam 1e-4 with betas
 * (0.5, 0.9) for each network, as the paper; λ 10 and 5 critic steps by default. {@code fit}
 * logs {@code d_loss} (the critic's loss, penalty included), {@code wasserstein} (the estimate
 * {@code mean D(real) − mean D(fake)}), {@code gradient_penalty} and, over the batches that
 * train the generator, {@code g_loss}. Conditional like {@link Gan} (label planes for the critic).
 *
 * <pre>{@code
 * Gan wgan = new WassersteinGan(Dcgan.generator(64, 0, 32), Dcgan.critic(0, 32), 64, 0, 10f, 5);
 * wgan.fit(FashionMnist.load().train(), FitOptions.defaults().epochs(5).batchSize(64));
 * }</pre>
 */
public class WassersteinGan extends Gan {

    static final String KIND = "wgan-gp";
    private static final String PENALTY_WEIGHT = "generative.penalty_weight";
    private static final String CRITIC_STEPS = "generative.critic_steps";

    private final float penaltyWeight;
    private final int criticSteps;

    /**
     * A WGAN-GP of these networks, compiled with Adam (1e-4, betas 0.5 and 0.9) for each.
     *
     * @param penaltyWeight the gradient penalty's weight λ ({@link GradientPenalty#DEFAULT_WEIGHT}, 10, in the paper)
     * @param criticSteps   the critic's updates per generator update (5 in the paper)
     * @throws IllegalArgumentException for a negative weight, fewer than 1 critic step, or a critic
     *                                  giving more than one score per image
     */
    public WassersteinGan(Layer generator, Layer critic, int latentSize, int classes, float penaltyWeight,
                          int criticSteps) {
        super(generator, critic, latentSize, classes, false);
        if (!(penaltyWeight >= 0) || criticSteps < 1) {
            throw new IllegalArgumentException("WassersteinGan: need a penalty weight of at least 0 and at least 1"
                    + " critic step, got " + penaltyWeight + " and " + criticSteps);
        }
        this.penaltyWeight = penaltyWeight;
        this.criticSteps = criticSteps;
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put(GENERATOR, new Adam(generator.trainableParameters(), 1e-4f).beta1(0.5f).beta2(0.9f));
        optimizers.put(DISCRIMINATOR, new Adam(critic.trainableParameters(), 1e-4f).beta1(0.5f).beta2(0.9f));
        compile(optimizers, null);
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        network().train();
        int n = batch.size();
        long step = globalStep();
        Generator random = stepGenerator(noiseSeed(), step);
        Tensor labels = classes() == 0 ? null : batch.targets();
        Tensor real = batch.features().mul(2f).sub(1f);
        Tensor fake;
        try (NoGrad ignored = NoGrad.enter()) {
            fake = generator().forward(generatorInput(Tensor.randn(random, n, latentSize()), labels));
        }
        Tensor realScore = critic(real, labels).mean();
        Tensor fakeScore = critic(fake, labels).mean();
        Tensor penalty = GradientPenalty.wasserstein(x -> critic(x, labels), real, fake, penaltyWeight, random);
        Tensor criticLoss = fakeScore.sub(realScore).add(penalty);
        criticLoss.backward();
        applyGradients(DISCRIMINATOR);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("d_loss", (double) criticLoss.item());
        logs.put("wasserstein", (double) realScore.sub(fakeScore).item());
        logs.put("gradient_penalty", (double) penalty.item());
        if ((step + 1) % criticSteps == 0) {
            Tensor generated = generator().forward(generatorInput(Tensor.randn(random, n, latentSize()), labels));
            Tensor generatorLoss = critic(generated, labels).mean().neg();
            generatorLoss.backward();
            applyGradients(GENERATOR);
            optimizer(DISCRIMINATOR).zeroGrad();   // the generator's loss reached the critic's weights too
            logs.put("g_loss", (double) generatorLoss.item());
        }
        return logs;
    }

    private Tensor critic(Tensor images, Tensor labels) {
        return discriminator().forward(discriminatorInput(images, labels));
    }

    /** The gradient penalty's weight λ. */
    public float penaltyWeight() {
        return penaltyWeight;
    }

    /** The critic's updates per generator update. */
    public int criticSteps() {
        return criticSteps;
    }

    @Override
    protected Map<String, String> checkpointState() {
        Map<String, String> state = state(KIND, latentSize(), classes());
        state.put(PENALTY_WEIGHT, Float.toString(penaltyWeight));
        state.put(CRITIC_STEPS, Integer.toString(criticSteps));
        return state;
    }

    /** A WGAN-GP saved by a {@link dev.nabla.train.ModelCheckpoint}. */
    static WassersteinGan of(ModelFile.LoadedModel loaded) {
        Sequential both = (Sequential) loaded.model();
        Map<String, String> state = loaded.trainingState();
        return new WassersteinGan(both.get(0), both.get(1), Integer.parseInt(state.get(LATENT_SIZE)),
                Integer.parseInt(state.get(CLASSES)), Float.parseFloat(state.get(PENALTY_WEIGHT)),
                Integer.parseInt(state.get(CRITIC_STEPS)));
    }

    /**
     * A WGAN-GP read from a checkpoint, its optimizers' state and {@link #globalStep()} restored.
     *
     * @throws IOException if the file cannot be read, or holds no WGAN-GP
     */
    public static WassersteinGan load(Path file) throws IOException {
        GenerativeModel model = GenerativeModel.load(file);
        if (!(model instanceof WassersteinGan wgan)) {
            throw new IOException(file + ": holds a " + model.getClass().getSimpleName() + ", not a WassersteinGan");
        }
        return wgan;
    }
}
