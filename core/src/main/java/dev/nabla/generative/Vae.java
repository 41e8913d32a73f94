package dev.nabla.generative;

import dev.nabla.data.Batch;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.BinaryCrossEntropy;
import dev.nabla.loss.Loss;
import dev.nabla.loss.Reduction;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variational autoencoder (Kingma and Welling 2013) as a {@link dev.nabla.train.Model} whose
 * {@link #trainStep} minimises the negative ELBO with a KL weight β (Higgins et al. 2017's
 * β-VAE; 1 is the plain VAE). The encoder maps inputs {@code [N, ...]} in [0, 1] to {@code
 * [N, 2·latentSize]}: the means μ then the log-variances log σ² of the approximate posterior;
 * the decoder maps codes {@code [N, latentSize]} to logits of the inputs' shape, read as
 * independent Bernoulli pixels. Per input, in nats:
 *
 * <pre>
 * reconstruction = Σ BCE(decoder(z), x),   z = μ + σ·ε, ε ~ N(0, I)   (the reparameterisation)
 * kl             = −½ Σ (1 + log σ² − μ² − σ²)
 * loss           = reconstruction + β·kl,  negative ELBO = reconstruction + kl
 * </pre>
 *
 * <p>{@code fit} logs {@code loss}, {@code reconstruction} and {@code kl} (means per input);
 * {@code evaluate} also {@code negative_elbo}. A step's ε comes from the seed and the {@link
 * #globalStep()}, so a resumed run draws what the uninterrupted one would. Compiled with Adam
 * (1e-3) over both networks.
 */
public class Vae extends GenerativeModel {

    static final String KIND = "vae";
    private static final String BETA = "generative.beta";
    private static final String SAMPLE_SHAPE = "generative.sample_shape";
    private static final Loss PIXELS = new BinaryCrossEntropy().fromLogits(true).reduction(Reduction.SUM);

    private final Layer encoder;
    private final Layer decoder;
    private final int latentSize;
    private final float beta;
    private final int[] sampleShape;
    private long seed = 1;

    /** The loss terms of a batch, each a scalar mean per input (nats). */
    public record LossTerms(Tensor reconstruction, Tensor kl, Tensor loss) {

        /** reconstruction + kl: the negative ELBO, whatever β. */
        public Tensor negativeElbo() {
            return reconstruction.add(kl);
        }
    }

    /**
     * A VAE of these networks (built at once if they are not yet, from a sample of {@code sampleShape}).
     *
     * @param beta the KL term's weight (1 for the plain VAE)
     */
    public Vae(Layer encoder, Layer decoder, int latentSize, float beta, int... sampleShape) {
        super(new Sequential(encoder, decoder));
        if (latentSize < 1 || !(beta >= 0)) {
            throw new IllegalArgumentException("Vae: need a latent size of at least 1 and β ≥ 0, got latent size "
                    + latentSize + " and β " + beta);
        }
        this.encoder = encoder;
        this.decoder = decoder;
        this.latentSize = latentSize;
        this.beta = beta;
        this.sampleShape = sampleShape.clone();
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = 2;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            int statistics = encoder.forward(Tensor.zeros(shape)).dim(1);
            if (statistics != 2 * latentSize) {
                throw new IllegalArgumentException("Vae: the encoder must give 2 × latent size = " + 2 * latentSize
                        + " values per input (means, then log-variances), gives " + statistics);
            }
            decoder.forward(Tensor.zeros(2, latentSize));
        }
        compile(new Adam(network().trainableParameters(), 1e-3f), null);
    }

    /** The seed of the training noise ε (1 by default); returns this. */
    public Vae seed(long value) {
        seed = value;
        return this;
    }

    /** The loss terms of inputs {@code x [N, ...]} with the noise {@code noise [N, latentSize]}, in the current mode. */
    public LossTerms lossTerms(Tensor x, Tensor noise) {
        Tensor statistics = encoder.forward(x);
        Tensor mean = statistics.slice(1, 0, latentSize);
        Tensor logVariance = statistics.slice(1, latentSize, 2 * latentSize);
        Tensor z = mean.add(logVariance.mul(0.5f).exp().mul(noise));
        float n = x.dim(0);
        Tensor reconstruction = PIXELS.apply(decoder.forward(z), x).div(n);
        Tensor kl = logVariance.add(1f).sub(mean.mul(mean)).sub(logVariance.exp()).sum().mul(-0.5f / n);
        return new LossTerms(reconstruction, kl, reconstruction.add(kl.mul(beta)));
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        network().train();
        Tensor x = batch.features();
        LossTerms terms = lossTerms(x, Tensor.randn(stepGenerator(seed, globalStep()), x.dim(0), latentSize));
        terms.loss().backward();
        applyGradients();
        return logs(terms, false);
    }

    /** The terms on one draw of ε per input (the same draws on every call), and the negative ELBO. */
    @Override
    protected Map<String, Double> testStep(Batch batch) {
        Tensor x = batch.features();
        return logs(lossTerms(x, Tensor.randn(new Generator(seed), x.dim(0), latentSize)), true);
    }

    private static Map<String, Double> logs(LossTerms terms, boolean elbo) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", (double) terms.loss().item());
        logs.put("reconstruction", (double) terms.reconstruction().item());
        logs.put("kl", (double) terms.kl().item());
        if (elbo) {
            logs.put("negative_elbo", (double) terms.negativeElbo().item());
        }
        return logs;
    }

    /** The posterior means μ of inputs {@code x}: {@code [N, latentSize]}. */
    public Tensor encode(Tensor x) {
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            return encoder.forward(x).slice(1, 0, latentSize);
        }
    }

    /** Decoded codes {@code z [N, latentSize]}: pixel probabilities in [0, 1]. */
    public Tensor decode(Tensor z) {
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            return decoder.forward(z).sigmoid();
        }
    }

    /** Samples from the prior: codes from N(0, I) of {@code seed}, decoded. A VAE has no classes: label −1. */
    @Override
    public Tensor sample(int count, int label, long noiseSeed) {
        checkLabel(label, 0);
        return decode(Tensor.randn(new Generator(noiseSeed), count, latentSize));
    }

    /**
     * The decoded points on the straight line between the codes of {@code from} and {@code to}
     * (one input each, {@code [1, ...]}), both ends included: {@code [steps, ...]}.
     */
    public Tensor interpolate(Tensor from, Tensor to, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("Vae.interpolate: need at least 2 steps, got " + steps);
        }
        Tensor a = encode(from);
        Tensor b = encode(to);
        Tensor[] codes = new Tensor[steps];
        for (int i = 0; i < steps; i++) {
            float t = i / (steps - 1f);
            codes[i] = a.mul(1f - t).add(b.mul(t));
        }
        return decode(Tensor.concat(0, codes));
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    /** The KL term's weight. */
    public float beta() {
        return beta;
    }

    /** The encoder: inputs to means and log-variances. */
    public Layer encoder() {
        return encoder;
    }

    /** The decoder: codes to logits. */
    public Layer decoder() {
        return decoder;
    }

    @Override
    protected Map<String, String> checkpointState() {
        Map<String, String> state = state(KIND, latentSize, 0);
        state.put(BETA, Float.toString(beta));
        state.put(SAMPLE_SHAPE, String.join(",", java.util.Arrays.stream(sampleShape).mapToObj(Integer::toString)
                .toList()));
        return state;
    }

    static Vae of(ModelFile.LoadedModel loaded) {
        Sequential both = (Sequential) loaded.model();
        Map<String, String> state = loaded.trainingState();
        return new Vae(both.get(0), both.get(1), Integer.parseInt(state.get(LATENT_SIZE)),
                Float.parseFloat(state.getOrDefault(BETA, "1")),
                java.util.Arrays.stream(state.get(SAMPLE_SHAPE).split(",")).mapToInt(Integer::parseInt).toArray());
    }

    /**
     * A VAE read from a checkpoint, its optimizer's state and {@link #globalStep()} restored.
     *
     * @throws IOException if the file cannot be read, or holds no VAE
     */
    public static Vae load(Path file) throws IOException {
        return (Vae) GenerativeModel.load(file);
    }
}
