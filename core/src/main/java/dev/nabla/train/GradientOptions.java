package dev.nabla.train;

import dev.nabla.nn.Parameter;
import dev.nabla.optim.GradientClipping;
import dev.nabla.optim.LossScaling;
import java.util.List;

/**
 * What {@link Model#fit} does with the gradients between the backward pass and the
 * optimizer's update, Keras's optimizer arguments: at most one clipping ({@code clipnorm},
 * {@code global_clipnorm} or {@code clipvalue}, as Keras allows one) and
 * {@code gradient_accumulation_steps}. With N accumulation steps each batch's loss is
 * back-propagated divided by N and the optimizer steps once every N batches, on the average
 * of their gradients (a mean loss then updates as one batch N times larger would); clipping
 * applies to that average, just before the update. With {@link LossScaling} (float16 training)
 * the loss is multiplied by the scale before the backward pass and the gradients divided by it
 * before clipping; a group whose gradients hold an infinite or NaN value takes no update.
 *
 * <pre>{@code
 * FitOptions.defaults().gradients(GradientOptions.NONE.globalClipNorm(1f).accumulationSteps(4))
 * }</pre>
 *
 * @param clipping          which clipping, if any
 * @param clipLimit         its limit: a norm, or the largest absolute value (unused without clipping)
 * @param accumulationSteps the batches whose gradients one update averages (1: every batch updates)
 * @param lossScaling       how the loss is scaled before the backward pass, or null for not at all
 */
public record GradientOptions(Clipping clipping, float clipLimit, int accumulationSteps, LossScaling lossScaling) {

    /** How gradients are clipped. */
    public enum Clipping {
        /** Not at all (the default). */
        NONE,
        /** Each parameter's gradient to an L2 norm of at most the limit (Keras {@code clipnorm}). */
        EACH_NORM,
        /**
         * All gradients together to a global L2 norm of at most the limit (Keras
         * {@code global_clipnorm}; PyTorch's {@code clip_grad_norm_}, whose formula is used).
         */
        GLOBAL_NORM,
        /** Each gradient element to [−limit, limit] (Keras {@code clipvalue}, PyTorch {@code clip_grad_value_}). */
        VALUE
    }

    /** No clipping, no accumulation: the optimizer steps on each batch's gradients as they are. */
    public static final GradientOptions NONE = new GradientOptions(Clipping.NONE, 0f, 1, null);

    /** Clipping and accumulation without loss scaling. */
    public GradientOptions(Clipping clipping, float clipLimit, int accumulationSteps) {
        this(clipping, clipLimit, accumulationSteps, null);
    }

    /** Checks the values. */
    public GradientOptions {
        if (clipping == null) {
            throw new IllegalArgumentException("GradientOptions: clipping must be given (Clipping.NONE for none)");
        }
        if (clipping != Clipping.NONE && !(clipLimit > 0 && Float.isFinite(clipLimit))) {
            throw new IllegalArgumentException("GradientOptions: the clipping limit must be a finite number > 0, got "
                    + clipLimit);
        }
        if (accumulationSteps < 1) {
            throw new IllegalArgumentException("GradientOptions: accumulationSteps must be at least 1, got "
                    + accumulationSteps);
        }
    }

    /** Clip each parameter's gradient to this L2 norm (Keras {@code clipnorm}). */
    public GradientOptions clipNorm(float value) {
        return new GradientOptions(Clipping.EACH_NORM, value, accumulationSteps, lossScaling);
    }

    /** Clip all gradients together to this L2 norm (Keras {@code global_clipnorm}, PyTorch {@code clip_grad_norm_}). */
    public GradientOptions globalClipNorm(float value) {
        return new GradientOptions(Clipping.GLOBAL_NORM, value, accumulationSteps, lossScaling);
    }

    /** Clip each gradient element to [−value, value] (Keras {@code clipvalue}, PyTorch {@code clip_grad_value_}). */
    public GradientOptions clipValue(float value) {
        return new GradientOptions(Clipping.VALUE, value, accumulationSteps, lossScaling);
    }

    /** Average the gradients of this many batches per update (Keras {@code gradient_accumulation_steps}). */
    public GradientOptions accumulationSteps(int value) {
        return new GradientOptions(clipping, clipLimit, value, lossScaling);
    }

    /**
     * Scale the loss as {@code value} says (PyTorch's {@code GradScaler}, Keras's
     * {@code LossScaleOptimizer}); null for no scaling.
     */
    public GradientOptions lossScaling(LossScaling value) {
        return new GradientOptions(clipping, clipLimit, accumulationSteps, value);
    }

    /** Clips the parameters' gradients in place as these options say. */
    void clip(List<Parameter> parameters) {
        switch (clipping) {
            case NONE -> { }
            case EACH_NORM -> GradientClipping.clipEachByNorm(parameters, clipLimit);
            case GLOBAL_NORM -> GradientClipping.clipByGlobalNorm(parameters, clipLimit);
            case VALUE -> GradientClipping.clipByValue(parameters, clipLimit);
        }
    }
}
