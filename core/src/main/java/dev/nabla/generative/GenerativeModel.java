package dev.nabla.generative;

import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model that makes new samples ({@link Gan}, {@link Vae}): {@link #sample} draws images from
 * noise of a seed, and its checkpoints record what it is, so {@link #load} (and {@code ./nabla
 * sample}) can rebuild it from the file alone.
 */
public abstract class GenerativeModel extends Model {

    static final String KIND_KEY = "generative.kind";
    static final String LATENT_SIZE = "generative.latent_size";
    static final String CLASSES = "generative.classes";

    /** A model computing with {@code network}. */
    protected GenerativeModel(Layer network) {
        super(network);
    }

    /**
     * {@code count} samples {@code [count, C, H, W]} in [0, 1] from the noise of {@code seed}; for
     * a conditional model of class {@code label}, or with −1 of every class in turn.
     *
     * @throws IllegalArgumentException for a label the model does not have
     */
    public abstract Tensor sample(int count, int label, long seed);

    /** The size of the noise or latent code a sample is made from. */
    public abstract int latentSize();

    /** The number of classes a conditional model is conditioned on, or 0. */
    public int classes() {
        return 0;
    }

    /**
     * The generative model a checkpoint holds ({@link dev.nabla.train.ModelCheckpoint} of a
     * {@link Gan} or {@link Vae}), with its optimizers' state and global step restored.
     *
     * @throws IOException if the file cannot be read or holds no generative model
     */
    public static GenerativeModel load(Path file) throws IOException {
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        String kind = loaded.trainingState().get(KIND_KEY);
        GenerativeModel model;
        if (WassersteinGan.KIND.equals(kind)) {
            model = WassersteinGan.of(loaded);
        } else if (Gan.KIND.equals(kind)) {
            model = Gan.of(loaded);
        } else if (Vae.KIND.equals(kind)) {
            model = Vae.of(loaded);
        } else {
            throw new IOException(file + ": not a generative model's checkpoint (its training state has no "
                    + KIND_KEY + " of 'gan', 'wgan-gp' or 'vae'); save one with a ModelCheckpoint while fitting a Gan"
                    + " or Vae");
        }
        model.restore(file);
        return model;
    }

    /** The checkpoint entries saying what a model is. */
    static Map<String, String> state(String kind, int latentSize, int classes) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(KIND_KEY, kind);
        state.put(LATENT_SIZE, Integer.toString(latentSize));
        state.put(CLASSES, Integer.toString(classes));
        return state;
    }

    /** The random numbers of a training step: fixed by the seed and the step, so a resumed run draws the same. */
    static Generator stepGenerator(long seed, long step) {
        return new Generator(new Generator(seed).nextLong() + step * 0xD1B54A32D192ED03L);
    }

    /** Labels {@code [N]} as float one-hot rows {@code [N, classes]}. */
    static Tensor oneHot(Tensor labels, int classes) {
        return labels.oneHot(classes).to(DType.FLOAT32);
    }

    /** {@code count} labels: all {@code label}, or with −1 0, 1, …, classes − 1, 0, … */
    static Tensor labelsFor(int count, int label, int classes) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = label >= 0 ? label : i % classes;
        }
        return Tensor.of(values, count);
    }

    static void checkLabel(int label, int classes) {
        if (label != -1 && (classes == 0 || label < 0 || label >= classes)) {
            throw new IllegalArgumentException(classes == 0
                    ? "this model is not conditional: it takes no label (got " + label + ")"
                    : "the label must be in [0, " + classes + "), or -1 for every class in turn; got " + label);
        }
    }
}
