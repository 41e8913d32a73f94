package dev.nabla.loss;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Gradients;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al., "Improved Training of Wasserstein GANs",
 * 2017): {@code weight · mean over the batch of (‖∇ₓ critic(x̂)‖₂ − 1)²} at the interpolates
 * {@code x̂ = ε·real + (1 − ε)·fake}, one ε ~ U[0, 1) per sample. The gradient is taken with
 * {@link Gradients#differentiable}, so the penalty back-propagates to the critic's parameters:
 *
 * <pre>{@code
 * Tensor criticLoss = critic.forward(fake).mean().sub(critic.forward(real).mean())
 *         .add(GradientPenalty.wasserstein(critic::forward, real, fake, 10f, generator));
 * criticLoss.backward();
 * }</pre>
 *
 * <p>{@code real} and {@code fake} are {@code [batch, ...]} (images {@code [batch, channels,
 * height, width]}); they are detached, so no gradient reaches the generator. The critic maps
 * them to {@code [batch]} or {@code [batch, 1]} scores and must be built from ops whose backward
 * is differentiable (dense, convolution, the activations without batch norm, as the paper advises).
 */
public final class GradientPenalty {

    /** The paper's weight λ = 10. */
    public static final float DEFAULT_WEIGHT = 10f;

    private GradientPenalty() {
    }

    /** The penalty at interpolates with ε drawn from {@code generator}, one per sample. */
    public static Tensor wasserstein(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, float weight,
                                     Generator generator) {
        check(real, fake);
        return interpolated(critic, real, fake, Tensor.rand(generator, real.dim(0)), weight);
    }

    /** The penalty at {@code ε·real + (1 − ε)·fake} for the given ε, shape {@code [batch]}. */
    public static Tensor interpolated(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, Tensor epsilon,
                                      float weight) {
        check(real, fake);
        if (epsilon.rank() != 1 || epsilon.dim(0) != real.dim(0)) {
            throw new IllegalArgumentException("gradient penalty: epsilon must have shape [" + real.dim(0)
                    + "] (one weight per sample), got " + epsilon.shape());
        }
        int[] column = new int[real.rank()];
        Arrays.fill(column, 1);
        column[0] = real.dim(0);
        Tensor e = epsilon.detach().reshape(column);
        Tensor points = e.mul(real.detach()).add(e.neg().add(1f).mul(fake.detach()));
        return at(critic, points, weight);
    }

    /** {@code weight · mean((‖∇ₓ critic(x)‖₂ − 1)²)} at the given points {@code [batch, ...]}. */
    public static Tensor at(UnaryOperator<Tensor> critic, Tensor points, float weight) {
        if (points.rank() == 0) {
            throw new IllegalArgumentException("gradient penalty: the points need a batch dimension, got a scalar");
        }
        Tensor x = points.detach().requiresGrad(true);
        Tensor scores = critic.apply(x);
        if (scores.size() != x.dim(0)) {
            throw new IllegalArgumentException("gradient penalty: the critic must give one score per sample ("
                    + x.dim(0) + "), but gave shape " + scores.shape());
        }
        Tensor gradient = Gradients.differentiable(scores.sum(), x)[0];
        Tensor norms = gradient.reshape(x.dim(0), -1).norm(2f, new int[] {1}, false);
        return norms.sub(1f).pow(2f).mean().mul(weight);
    }

    private static void check(Tensor real, Tensor fake) {
        if (!real.shape().equals(fake.shape()) || real.rank() == 0) {
            throw new IllegalArgumentException("gradient penalty: real and fake batches must have the same shape"
                    + " [batch, ...], got " + real.shape() + " and " + fake.shape());
        }
    }
}
