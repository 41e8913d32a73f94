package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.SIZES;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimizers' update kernels: the vector twins give the scalar definitions' bits, for every
 * option, on sizes across lane boundaries and at a nonzero offset.
 */
class VectorParameterUpdatesTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    /** The arrays an update touches, one copy per implementation. */
    private record Arrays(float[] value, float[] gradient, float[] first, float[] second, float[] third) {
        static Arrays random(int length, long seed) {
            Random random = new Random(seed);
            return new Arrays(uniform(random, length, -2f, 2f), uniform(random, length, -1f, 1f),
                    uniform(random, length, -0.5f, 0.5f), uniform(random, length, 0f, 0.5f),
                    uniform(random, length, 0f, 0.6f));
        }

        Arrays copy() {
            return new Arrays(value.clone(), gradient.clone(), first.clone(), second.clone(), third.clone());
        }

        void assertSame(Arrays other, String what) {
            assertArrayEquals(value, other.value, what + ": value");
            assertArrayEquals(first, other.first, what + ": first buffer");
            assertArrayEquals(second, other.second, what + ": second buffer");
            assertArrayEquals(third, other.third, what + ": third buffer");
        }
    }

    @Test
    void sgdTwinsAgreeBitForBit() {
        for (boolean nesterov : new boolean[] {false, true}) {
            for (boolean first : new boolean[] {false, true}) {
                for (float momentum : new float[] {0f, 0.9f}) {
                    var rule = new ParameterUpdates.Sgd(-0.1f, momentum == 0f ? 0.01f : 0f, momentum, 0.7f, nesterov, first);
                    for (int n : SIZES) {
                        Arrays s = Arrays.random(n + 3, n);
                        Arrays v = s.copy();
                        float[] bufferS = momentum == 0f ? null : s.first;
                        float[] bufferV = momentum == 0f ? null : v.first;
                        scalar.sgdUpdate(rule, s.value, s.gradient, bufferS, 3, n);
                        vector.sgdUpdate(rule, v.value, v.gradient, bufferV, 3, n);
                        s.assertSame(v, rule + " n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void adamTwinsAgreeBitForBit() {
        for (boolean decoupled : new boolean[] {false, true}) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                // Averaging weights on both sides of lerp's 0.5 switch.
                for (float averaging : new float[] {0.1f, 0.7f}) {
                    var rule = new ParameterUpdates.Adam(0.999f, 0.01f, decoupled, averaging, 0.999f, 0.001f,
                            0.0447f, -0.003f, 1e-8f);
                    for (int n : SIZES) {
                        Arrays s = Arrays.random(n + 2, 7 * n);
                        Arrays v = s.copy();
                        scalar.adamUpdate(rule, s.value, s.gradient, s.first, s.second, amsgrad ? s.third : null, 2, n);
                        vector.adamUpdate(rule, v.value, v.gradient, v.first, v.second, amsgrad ? v.third : null, 2, n);
                        s.assertSame(v, rule + " amsgrad=" + amsgrad + " n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void rmsPropTwinsAgreeBitForBit() {
        for (boolean centered : new boolean[] {false, true}) {
            for (float momentum : new float[] {0f, 0.9f}) {
                var rule = new ParameterUpdates.RmsProp(-0.01f, 0.001f, 0.99f, 0.01f, 1e-8f, momentum);
                for (int n : SIZES) {
                    Arrays s = Arrays.random(n + 1, 11 * n);
                    Arrays v = s.copy();
                    // The centered variance square − mean² must stay positive: square ≥ 0.25 > mean².
                    for (int i = 0; i < s.second.length; i++) {
                        s.second[i] += 0.25f;
                        v.second[i] += 0.25f;
                    }
                    scalar.rmsPropUpdate(rule, s.value, s.gradient, s.second, centered ? s.first : null,
                            momentum == 0f ? null : s.third, 1, n);
                    vector.rmsPropUpdate(rule, v.value, v.gradient, v.second, centered ? v.first : null,
                            momentum == 0f ? null : v.third, 1, n);
                    s.assertSame(v, rule + " centered=" + centered + " n=" + n);
                }
            }
        }
    }

    @Test
    void adaGradTwinsAgreeBitForBit() {
        for (float weightDecay : new float[] {0f, 0.01f}) {
            var rule = new ParameterUpdates.AdaGrad(-0.01f, weightDecay, 1e-10f);
            for (int n : SIZES) {
                Arrays s = Arrays.random(n + 4, 13 * n);
                Arrays v = s.copy();
                scalar.adaGradUpdate(rule, s.value, s.gradient, s.second, 4, n);
                vector.adaGradUpdate(rule, v.value, v.gradient, v.second, 4, n);
                s.assertSame(v, rule + " n=" + n);
            }
        }
    }
}
