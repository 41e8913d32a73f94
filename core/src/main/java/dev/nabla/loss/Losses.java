package dev.nabla.loss;

import dev.nabla.tensor.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Built-in losses by name, as Keras's {@code model.compile(loss="mse")} finds them. */
public final class Losses {

    /** Normalized Keras names, aliases and class names, each to a loss with default options. */
    private static final Map<String, Supplier<Loss>> BY_NAME = new HashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    static {
        add(MeanSquaredError::new, "mean_squared_error", "mse");
        add(MeanAbsoluteError::new, "mean_absolute_error", "mae", "l1");
        add(Huber::new, "huber", "huber_loss");
        add(SmoothL1::new, "smooth_l1");
        add(BinaryCrossEntropy::new, "binary_crossentropy", "bce");
        add(CategoricalCrossEntropy::new, "categorical_crossentropy");
        add(SparseCategoricalCrossEntropy::new, "sparse_categorical_crossentropy");
        add(BinaryFocalLoss::new, "binary_focal_crossentropy", "binary_focal_loss");
        add(CategoricalFocalLoss::new, "categorical_focal_crossentropy", "categorical_focal_loss");
        add(KullbackLeiblerDivergence::new, "kl_divergence", "kld", "kullback_leibler_divergence");
        add(Hinge::new, "hinge");
    }

    private Losses() {
    }

    /**
     * The loss with default options for a Keras name ({@code "mse"},
     * {@code "sparse_categorical_crossentropy"}, ...) or a class name
     * ({@code "MeanSquaredError"}); case and underscores are ignored. Losses that take
     * probabilities by default ({@code "binary_crossentropy"}, ...) do so here too, as in Keras.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss byName(String name) {
        Supplier<Loss> loss = name == null ? null : BY_NAME.get(Names.normalized(name));
        if (loss == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; known names: "
                    + String.join(", ", names()));
        }
        return loss.get();
    }

    /**
     * The loss for a name, with options set by their Keras/PyTorch names
     * ({@code from_logits}, {@code label_smoothing}, ...; see {@link LossOptions}).
     *
     * @throws IllegalArgumentException for an unknown name or option, or a value of the wrong kind
     */
    public static Loss byName(String name, Map<String, ?> options) {
        return LossOptions.apply(byName(name), options);
    }

    /** The Keras-style names {@link #byName} knows, aliases included. */
    public static List<String> names() {
        return List.copyOf(NAMES);
    }

    private static void add(Supplier<Loss> loss, String... names) {
        for (String n : names) {
            BY_NAME.put(Names.normalized(n), loss);
            NAMES.add(n);
        }
        BY_NAME.put(Names.normalized(loss.get().getClass().getSimpleName()), loss);
    }
}
