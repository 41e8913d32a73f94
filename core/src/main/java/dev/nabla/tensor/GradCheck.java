package dev.nabla.tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks a function's autograd gradients against central finite differences, as
 * PyTorch's {@code gradcheck} does. Use it on your own layers:
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Generator(1), 4, 3).requiresGrad(true);
 * GradCheck.assertGradients(in -> in[0].tanh().sum(1), x);
 * }</pre>
 *
 * <p>The output is reduced to a scalar with fixed random weights (in double precision),
 * every input element is nudged by ±eps, and an element passes when
 * {@code |analytic - numeric| ≤ atol + rtol·|numeric|}. Inputs must be leaf tensors that
 * require grad; float32 arithmetic makes {@code eps ≈ 1e-2..1e-3} and tolerances near 1e-2
 * appropriate.
 */
public final class GradCheck {

    /** The worst element found: which input, where, and the two derivatives. */
    public record Result(boolean passed, int input, int[] index, double analytic, double numeric, double error) {
        @Override
        public String toString() {
            return (passed ? "gradients match" : "gradients differ") + "; worst element: input " + input
                    + " at " + Arrays.toString(index) + ": analytic " + analytic + ", numeric " + numeric
                    + " (difference " + error + ")";
        }
    }

    private final double eps;
    private final double rtol;
    private final double atol;

    /** A checker with the given step and tolerances. */
    public GradCheck(double eps, double rtol, double atol) {
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
    }

    /** Step 3e-3, relative tolerance 2e-2, absolute floor 2e-3: suited to float32 arithmetic. */
    public static GradCheck defaults() {
        return new GradCheck(3e-3, 2e-2, 2e-3);
    }

    /** Checks with the defaults and throws AssertionError describing the worst element on failure. */
    public static void assertGradients(Function<Tensor[], Tensor> function, Tensor... inputs) {
        defaults().assertPasses(function, inputs);
    }

    /** Throws AssertionError describing the worst element when the check fails. */
    public void assertPasses(Function<Tensor[], Tensor> function, Tensor... inputs) {
        Result r = check(function, inputs);
        if (!r.passed()) {
            throw new AssertionError("GradCheck: " + r);
        }
    }

    /**
     * Checks gradients of gradients with the defaults: the gradient of {@code function}'s output
     * (reduced with fixed random weights), computed by {@link Gradients#differentiable}, is checked
     * as a function of the inputs; throws AssertionError describing the worst element on failure.
     */
    public static void assertGradientsOfGradients(Function<Tensor[], Tensor> function, Tensor... inputs) {
        Result r = defaults().checkGradientsOfGradients(function, inputs);
        if (!r.passed()) {
            throw new AssertionError("GradCheck of gradients: " + r);
        }
    }

    /**
     * Compares the derivatives of the first gradient (its graph back-propagated) with central
     * finite differences of it, for every input element. The function's output must depend on
     * every input.
     */
    public Result checkGradientsOfGradients(Function<Tensor[], Tensor> function, Tensor... inputs) {
        Function<Tensor[], Tensor> firstGradient = in -> {
            Tensor y = function.apply(in);
            Tensor w = Tensor.uniform(new Generator(54321), -1f, 1f, y.shape().toArray());
            Tensor[] grads = Gradients.compute(y.mul(w).sum(), null, true, true, in);
            Tensor[] flat = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                flat[i] = grads[i].reshape(-1);
            }
            return Tensor.concat(0, flat);
        };
        return check(firstGradient, inputs, true);
    }

    /** Compares analytic and numeric gradients of every input element. */
    public Result check(Function<Tensor[], Tensor> function, Tensor... inputs) {
        return check(function, inputs, false);
    }

    /** With {@code recording} the function is evaluated with the graph on, also for finite differences. */
    private Result check(Function<Tensor[], Tensor> function, Tensor[] inputs, boolean recording) {
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].isLeaf() || !inputs[i].requiresGrad()) {
                throw new IllegalArgumentException("GradCheck: input " + i + " must be a leaf tensor with"
                        + " requiresGrad(true)");
            }
            inputs[i].zeroGrad();
        }
        Tensor probe = function.apply(inputs);
        Tensor weights = Tensor.uniform(new Generator(12345), -1f, 1f, probe.shape().toArray());
        float[] w = Layout.toArray(weights);
        if (probe.requiresGrad()) { // a gradient may be constant: its own gradient is then 0
            probe.backward(weights);
        }
        Result worst = new Result(true, -1, new int[0], 0, 0, 0);
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            float[] analytic = x.grad() == null ? new float[x.size()] : Layout.toArray(x.grad());
            int[] dims = x.shape().toArray();
            int[] counter = new int[dims.length];
            for (int e = 0; e < x.size(); e++) {
                int pos = Layout.position(x, counter);
                double numeric = numericDerivative(function, inputs, x, pos, w, recording);
                double error = Math.abs(analytic[e] - numeric);
                double excess = error - (atol + rtol * Math.abs(numeric));
                if (excess > worstExcess || Double.isNaN(error)) {
                    worstExcess = Double.isNaN(error) ? Double.POSITIVE_INFINITY : excess;
                    worst = new Result(!(excess > 0) && !Double.isNaN(error), i, counter.clone(),
                            analytic[e], numeric, error);
                }
                for (int d = dims.length - 1; d >= 0 && ++counter[d] == dims[d]; d--) {
                    counter[d] = 0;
                }
            }
        }
        for (Tensor x : inputs) {
            x.zeroGrad();
        }
        return worst;
    }

    private double numericDerivative(Function<Tensor[], Tensor> function, Tensor[] inputs, Tensor x,
                                     int pos, float[] w, boolean recording) {
        float saved = x.storage().get(pos);
        try (NoGrad ignored = recording ? null : NoGrad.enter()) {
            x.storage().set(pos, (float) (saved + eps));
            double plus = weightedSum(function.apply(inputs), w);
            x.storage().set(pos, (float) (saved - eps));
            double minus = weightedSum(function.apply(inputs), w);
            double step = (double) (float) (saved + eps) - (double) (float) (saved - eps);
            return (plus - minus) / step;
        } finally {
            x.storage().set(pos, saved);
        }
    }

    private static double weightedSum(Tensor y, float[] w) {
        float[] v = Layout.toArray(y);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (double) v[i] * w[i];
        }
        return s;
    }
}
