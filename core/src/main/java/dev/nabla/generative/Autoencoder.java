package dev.nabla.generative;

import dev.nabla.data.Batch;
import dev.nabla.loss.Loss;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.metrics.AucRoc;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.util.Map;

/**
 * An autoencoder as a {@link dev.nabla.train.Model}: the encoder maps inputs {@code [N, ...]} to
 * codes, the decoder maps codes back to inputs of the same shape, and training lowers the mean
 * squared error between an input and its reconstruction (the data's targets, class labels say,
 * are ignored). Dense or convolutional is a matter of the layers given. With {@link #denoising}
 * Gaussian noise is added to each training input while the clean input stays the target (a
 * denoising autoencoder: the noise is an augmentation drawn from the seed and the global step).
 *
 * <p>{@link #reconstructionErrors} scores inputs for anomaly detection: trained on normal data,
 * the model reconstructs anomalies worse; {@link #anomalyAuc} is the ROC AUC of those scores.
 * Compiled with Adam (1e-3) and {@link MeanSquaredError}.
 */
public class Autoencoder extends Model {

    private static final Loss SQUARED = new MeanSquaredError();
    private final Layer encoder;
    private final Layer decoder;
    private float noise;
    private long seed = 1;

    /** An autoencoder of these networks, built at once from a sample of {@code sampleShape} if they are not yet. */
    public Autoencoder(Layer encoder, Layer decoder, int... sampleShape) {
        super(new Sequential(encoder, decoder));
        this.encoder = encoder;
        this.decoder = decoder;
        try (Inference ignored = Inference.enter(); NoGrad ignoredToo = NoGrad.enter()) {
            Tensor reconstruction = network().forward(Tensor.zeros(withBatch(2, sampleShape)));
            if (!java.util.Arrays.equals(reconstruction.shape().toArray(), withBatch(2, sampleShape))) {
                throw new IllegalArgumentException("Autoencoder: the decoder must give inputs' shape back: samples of "
                        + java.util.Arrays.toString(sampleShape) + " come back as " + reconstruction.shape()
                        + " for a batch of 2");
            }
        }
        compile(new Adam(network().trainableParameters(), 1e-3f), SQUARED);
    }

    /** Trains on inputs with Gaussian noise of standard deviation {@code standardDeviation} added (0: none); returns this. */
    public Autoencoder denoising(float standardDeviation) {
        if (!(standardDeviation >= 0)) {
            throw new IllegalArgumentException("Autoencoder: the noise's standard deviation must be >= 0, got "
                    + standardDeviation);
        }
        noise = standardDeviation;
        return this;
    }

    /** The seed of the training noise (1 by default); returns this. */
    public Autoencoder seed(long value) {
        seed = value;
        return this;
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        network().train();
        Tensor clean = batch.features();
        Tensor input = noise == 0 ? clean
                : clean.add(Tensor.randn(GenerativeModel.stepGenerator(seed, globalStep()),
                        clean.shape().toArray()).mul(noise));
        Tensor loss = computeLoss(network().forward(input), clean, batch.weights());
        loss.backward();
        applyGradients();
        return Map.of("loss", (double) loss.item());
    }

    @Override
    protected Map<String, Double> testStep(Batch batch) {
        return Map.of("loss", (double) computeLoss(network().forward(batch.features()), batch.features(), null).item());
    }

    /** The codes of inputs {@code x}: {@code [N, ...]} as the encoder gives them. */
    public Tensor encode(Tensor x) {
        return new Model(encoder).predict(x, 256);
    }

    /** The reconstructions of inputs {@code x}, in evaluation mode. */
    public Tensor reconstruct(Tensor x) {
        return predict(x, 256);
    }

    /** Each input's mean squared reconstruction error: {@code [N]}, its anomaly score. */
    public Tensor reconstructionErrors(Tensor x) {
        Tensor difference = reconstruct(x).sub(x).reshape(x.dim(0), -1);
        return difference.mul(difference).mean(1, false);
    }

    /**
     * The ROC AUC of the reconstruction errors as scores telling {@code anomalies} from {@code
     * normal} inputs: 1 when every anomaly is reconstructed worse than every normal input, 0.5 for
     * chance.
     */
    public double anomalyAuc(Tensor normal, Tensor anomalies) {
        Tensor scores = Tensor.concat(0, reconstructionErrors(normal), reconstructionErrors(anomalies));
        Tensor truth = Tensor.concat(0, Tensor.zeros(normal.dim(0)), Tensor.ones(anomalies.dim(0)));
        AucRoc auc = new AucRoc();
        auc.update(scores, truth, null);
        return auc.result();
    }

    private static int[] withBatch(int batch, int[] sampleShape) {
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    /** The encoder. */
    public Layer encoder() {
        return encoder;
    }

    /** The decoder. */
    public Layer decoder() {
        return decoder;
    }
}
