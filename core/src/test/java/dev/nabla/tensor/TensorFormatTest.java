package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Printing matches {@code repr()} of the same tensor in PyTorch 2.x with default print
 * options. Each expected string below was printed by PyTorch for the tensor built by the
 * same values ({@code torch.arange}, literal lists); INT32 tensors were compared with
 * int64 ones. Only the {@code grad_fn} names and the empty INT32 case are our own.
 */
class TensorFormatTest {

    private static void assertPrints(String expected, Tensor t) {
        assertEquals(expected, t.toString());
    }

    /** 1000..2599 as a 40 × 40 matrix with 1e9 at [10, 1], a position the summary hides. */
    private static Tensor bigMiddle() {
        Tensor m = Tensor.arange(0f, 1600f, 1f).add(1000f).reshape(40, 40);
        m.slice(0, 10, 11).slice(1, 1, 2).assign(Tensor.scalar(1e9f));
        return m;
    }

    @Test
    void scalarHasNoBrackets() {
        assertPrints("tensor(3.5000)",
                Tensor.scalar(3.5f));
    }

    @Test
    void negativeZeroScalar() {
        assertPrints("tensor(-0.)",
                Tensor.scalar(-0f));
    }

    @Test
    void integerScalar() {
        assertPrints("tensor(7)",
                Tensor.arange(8).slice(0, 7, 8).reshape());
    }

    @Test
    void vectorAlignsSigns() {
        assertPrints("tensor([ 1.5000, -2.2500,  3.0000])",
                Tensor.of(1.5f, -2.25f, 3f));
    }

    @Test
    void integerValuedFloats() {
        assertPrints("tensor([ 1., 20., -3.])",
                Tensor.of(1f, 20f, -3f));
    }

    @Test
    void zerosMatrix() {
        assertPrints("tensor([[0., 0., 0.],\n"
                + "        [0., 0., 0.]])",
                Tensor.zeros(2, 3));
    }

    @Test
    void integerDtypePrintsWithoutADot() {
        assertPrints("tensor([[-5, -4, -3, -2],\n"
                + "        [-1,  0,  1,  2],\n"
                + "        [ 3,  4,  5,  6]])",
                Tensor.arange(-5f, 7f, 1f).reshape(3, 4));
    }

    @Test
    void matrixAlignsColumns() {
        assertPrints("tensor([[-1.2500, -1.0000, -0.7500, -0.5000],\n"
                + "        [-0.2500,  0.0000,  0.2500,  0.5000],\n"
                + "        [ 0.7500,  1.0000,  1.2500,  1.5000]])",
                Tensor.arange(0f, 12f, 1f).sub(5f).div(4f).reshape(3, 4));
    }

    @Test
    void threeDimensionsSeparateBlocksWithABlankLine() {
        assertPrints("tensor([[[0.0000, 0.1250, 0.2500],\n"
                + "         [0.3750, 0.5000, 0.6250]],\n"
                + "\n"
                + "        [[0.7500, 0.8750, 1.0000],\n"
                + "         [1.1250, 1.2500, 1.3750]]])",
                Tensor.arange(0f, 12f, 1f).div(8f).reshape(2, 2, 3));
    }

    @Test
    void fourDimensionsOfIntegers() {
        assertPrints("tensor([[[[0, 1],\n"
                + "          [2, 3]]],\n"
                + "\n"
                + "\n"
                + "        [[[4, 5],\n"
                + "          [6, 7]]]])",
                Tensor.arange(0f, 8f, 1f).reshape(2, 1, 2, 2));
    }

    @Test
    void smallAndLargeUseScientific() {
        assertPrints("tensor([-1.0000e-05,  2.5000e-03,  1.0000e+03])",
                Tensor.of(-1e-5f, 2.5e-3f, 1e3f));
    }

    @Test
    void wideRangeOfWholeNumbers() {
        assertPrints("tensor([1.0000e+00, 1.0000e+05])",
                Tensor.of(1f, 1e5f));
    }

    @Test
    void hugeWholeNumbers() {
        assertPrints("tensor([ 1.0000e+10, -3.0000e+12])",
                Tensor.of(1e10f, -3e12f));
    }

    @Test
    void nanInfinityAndNegativeZero() {
        assertPrints("tensor([   nan,    inf,   -inf, -0.0000, 1.5000])",
                Tensor.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 1.5f));
    }

    @Test
    void onlyNonFiniteAndZero() {
        assertPrints("tensor([0., inf, -inf, nan])",
                Tensor.of(0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN));
    }

    @Test
    void emptyVector() {
        assertPrints("tensor([])",
                Tensor.zeros(0));
    }

    @Test
    void emptyMatrix() {
        assertPrints("tensor([], size=(3, 0, 2))",
                Tensor.zeros(3, 0, 2));
    }

    @Test
    void longVectorWraps() {
        assertPrints("tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000,\n"
                + "        2.2500, 2.5000, 2.7500, 3.0000, 3.2500, 3.5000, 3.7500, 4.0000, 4.2500,\n"
                + "        4.5000, 4.7500, 5.0000, 5.2500, 5.5000, 5.7500, 6.0000, 6.2500, 6.5000,\n"
                + "        6.7500, 7.0000, 7.2500])",
                Tensor.arange(0f, 30f, 1f).div(4f));
    }

    @Test
    void wideRowsWrap() {
        assertPrints("tensor([[0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000,\n"
                + "         2.2500, 2.5000, 2.7500, 3.0000, 3.2500, 3.5000, 3.7500, 4.0000, 4.2500,\n"
                + "         4.5000, 4.7500],\n"
                + "        [5.0000, 5.2500, 5.5000, 5.7500, 6.0000, 6.2500, 6.5000, 6.7500, 7.0000,\n"
                + "         7.2500, 7.5000, 7.7500, 8.0000, 8.2500, 8.5000, 8.7500, 9.0000, 9.2500,\n"
                + "         9.5000, 9.7500]])",
                Tensor.arange(0f, 40f, 1f).div(4f).reshape(2, 20));
    }

    @Test
    void summarizedIntegers() {
        assertPrints("tensor([   0,    1,    2,  ...,  998,  999, 1000])",
                Tensor.arange(1001));
    }

    @Test
    void summarizedEllipsisWrapsAsAnItem() {
        assertPrints("tensor([10000.0000, 10000.2500, 10000.5000,  ..., 10499.2500, 10499.5000,\n"
                + "        10499.7500])",
                Tensor.arange(0f, 2000f, 1f).div(4f).add(10000f));
    }

    @Test
    void summarizedStyleFromEdgesOnly() {
        assertPrints("tensor([[1000., 1001., 1002.,  ..., 1037., 1038., 1039.],\n"
                + "        [1040., 1041., 1042.,  ..., 1077., 1078., 1079.],\n"
                + "        [1080., 1081., 1082.,  ..., 1117., 1118., 1119.],\n"
                + "        ...,\n"
                + "        [2480., 2481., 2482.,  ..., 2517., 2518., 2519.],\n"
                + "        [2520., 2521., 2522.,  ..., 2557., 2558., 2559.],\n"
                + "        [2560., 2561., 2562.,  ..., 2597., 2598., 2599.]])",
                bigMiddle());
    }

    @Test
    void summarizedCube() {
        assertPrints("tensor([[[0.0000e+00, 1.2500e-01, 2.5000e-01,  ..., 1.1250e+00,\n"
                + "          1.2500e+00, 1.3750e+00],\n"
                + "         [1.5000e+00, 1.6250e+00, 1.7500e+00,  ..., 2.6250e+00,\n"
                + "          2.7500e+00, 2.8750e+00],\n"
                + "         [3.0000e+00, 3.1250e+00, 3.2500e+00,  ..., 4.1250e+00,\n"
                + "          4.2500e+00, 4.3750e+00],\n"
                + "         ...,\n"
                + "         [1.0500e+01, 1.0625e+01, 1.0750e+01,  ..., 1.1625e+01,\n"
                + "          1.1750e+01, 1.1875e+01],\n"
                + "         [1.2000e+01, 1.2125e+01, 1.2250e+01,  ..., 1.3125e+01,\n"
                + "          1.3250e+01, 1.3375e+01],\n"
                + "         [1.3500e+01, 1.3625e+01, 1.3750e+01,  ..., 1.4625e+01,\n"
                + "          1.4750e+01, 1.4875e+01]],\n"
                + "\n"
                + "        [[1.5000e+01, 1.5125e+01, 1.5250e+01,  ..., 1.6125e+01,\n"
                + "          1.6250e+01, 1.6375e+01],\n"
                + "         [1.6500e+01, 1.6625e+01, 1.6750e+01,  ..., 1.7625e+01,\n"
                + "          1.7750e+01, 1.7875e+01],\n"
                + "         [1.8000e+01, 1.8125e+01, 1.8250e+01,  ..., 1.9125e+01,\n"
                + "          1.9250e+01, 1.9375e+01],\n"
                + "         ...,\n"
                + "         [2.5500e+01, 2.5625e+01, 2.5750e+01,  ..., 2.6625e+01,\n"
                + "          2.6750e+01, 2.6875e+01],\n"
                + "         [2.7000e+01, 2.7125e+01, 2.7250e+01,  ..., 2.8125e+01,\n"
                + "          2.8250e+01, 2.8375e+01],\n"
                + "         [2.8500e+01, 2.8625e+01, 2.8750e+01,  ..., 2.9625e+01,\n"
                + "          2.9750e+01, 2.9875e+01]],\n"
                + "\n"
                + "        [[3.0000e+01, 3.0125e+01, 3.0250e+01,  ..., 3.1125e+01,\n"
                + "          3.1250e+01, 3.1375e+01],\n"
                + "         [3.1500e+01, 3.1625e+01, 3.1750e+01,  ..., 3.2625e+01,\n"
                + "          3.2750e+01, 3.2875e+01],\n"
                + "         [3.3000e+01, 3.3125e+01, 3.3250e+01,  ..., 3.4125e+01,\n"
                + "          3.4250e+01, 3.4375e+01],\n"
                + "         ...,\n"
                + "         [4.0500e+01, 4.0625e+01, 4.0750e+01,  ..., 4.1625e+01,\n"
                + "          4.1750e+01, 4.1875e+01],\n"
                + "         [4.2000e+01, 4.2125e+01, 4.2250e+01,  ..., 4.3125e+01,\n"
                + "          4.3250e+01, 4.3375e+01],\n"
                + "         [4.3500e+01, 4.3625e+01, 4.3750e+01,  ..., 4.4625e+01,\n"
                + "          4.4750e+01, 4.4875e+01]],\n"
                + "\n"
                + "        ...,\n"
                + "\n"
                + "        [[1.0500e+02, 1.0512e+02, 1.0525e+02,  ..., 1.0612e+02,\n"
                + "          1.0625e+02, 1.0638e+02],\n"
                + "         [1.0650e+02, 1.0662e+02, 1.0675e+02,  ..., 1.0762e+02,\n"
                + "          1.0775e+02, 1.0788e+02],\n"
                + "         [1.0800e+02, 1.0812e+02, 1.0825e+02,  ..., 1.0912e+02,\n"
                + "          1.0925e+02, 1.0938e+02],\n"
                + "         ...,\n"
                + "         [1.1550e+02, 1.1562e+02, 1.1575e+02,  ..., 1.1662e+02,\n"
                + "          1.1675e+02, 1.1688e+02],\n"
                + "         [1.1700e+02, 1.1712e+02, 1.1725e+02,  ..., 1.1812e+02,\n"
                + "          1.1825e+02, 1.1838e+02],\n"
                + "         [1.1850e+02, 1.1862e+02, 1.1875e+02,  ..., 1.1962e+02,\n"
                + "          1.1975e+02, 1.1988e+02]],\n"
                + "\n"
                + "        [[1.2000e+02, 1.2012e+02, 1.2025e+02,  ..., 1.2112e+02,\n"
                + "          1.2125e+02, 1.2138e+02],\n"
                + "         [1.2150e+02, 1.2162e+02, 1.2175e+02,  ..., 1.2262e+02,\n"
                + "          1.2275e+02, 1.2288e+02],\n"
                + "         [1.2300e+02, 1.2312e+02, 1.2325e+02,  ..., 1.2412e+02,\n"
                + "          1.2425e+02, 1.2438e+02],\n"
                + "         ...,\n"
                + "         [1.3050e+02, 1.3062e+02, 1.3075e+02,  ..., 1.3162e+02,\n"
                + "          1.3175e+02, 1.3188e+02],\n"
                + "         [1.3200e+02, 1.3212e+02, 1.3225e+02,  ..., 1.3312e+02,\n"
                + "          1.3325e+02, 1.3338e+02],\n"
                + "         [1.3350e+02, 1.3362e+02, 1.3375e+02,  ..., 1.3462e+02,\n"
                + "          1.3475e+02, 1.3488e+02]],\n"
                + "\n"
                + "        [[1.3500e+02, 1.3512e+02, 1.3525e+02,  ..., 1.3612e+02,\n"
                + "          1.3625e+02, 1.3638e+02],\n"
                + "         [1.3650e+02, 1.3662e+02, 1.3675e+02,  ..., 1.3762e+02,\n"
                + "          1.3775e+02, 1.3788e+02],\n"
                + "         [1.3800e+02, 1.3812e+02, 1.3825e+02,  ..., 1.3912e+02,\n"
                + "          1.3925e+02, 1.3938e+02],\n"
                + "         ...,\n"
                + "         [1.4550e+02, 1.4562e+02, 1.4575e+02,  ..., 1.4662e+02,\n"
                + "          1.4675e+02, 1.4688e+02],\n"
                + "         [1.4700e+02, 1.4712e+02, 1.4725e+02,  ..., 1.4812e+02,\n"
                + "          1.4825e+02, 1.4838e+02],\n"
                + "         [1.4850e+02, 1.4862e+02, 1.4875e+02,  ..., 1.4962e+02,\n"
                + "          1.4975e+02, 1.4988e+02]]])",
                Tensor.arange(0f, 1200f, 1f).div(8f).reshape(10, 10, 12));
    }

    @Test
    void fixedPointHasFourDecimals() {
        assertPrints("tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])",
                Tensor.linspace(-1f, 1f, 5));
    }

    @Test
    void summarizedFixedRows() {
        assertPrints("tensor([[ 1.0000,  1.0625,  1.1250,  ...,  1.2500,  1.3125,  1.3750],\n"
                + "        [ 1.4375,  1.5000,  1.5625,  ...,  1.6875,  1.7500,  1.8125],\n"
                + "        [ 1.8750,  1.9375,  2.0000,  ...,  2.1250,  2.1875,  2.2500],\n"
                + "        ...,\n"
                + "        [87.1875, 87.2500, 87.3125,  ..., 87.4375, 87.5000, 87.5625],\n"
                + "        [87.6250, 87.6875, 87.7500,  ..., 87.8750, 87.9375, 88.0000],\n"
                + "        [88.0625, 88.1250, 88.1875,  ..., 88.3125, 88.3750, 88.4375]])",
                Tensor.arange(0f, 1400f, 1f).div(16f).add(1f).reshape(200, 7));
    }

    @Test
    void halfwayValuesRoundToEven() {
        assertPrints("tensor([0.0312, 1.0000, 2.5000])",
                Tensor.of(0.03125f, 1.00005f, 2.5f));
    }

    @Test
    void transposedIntegerView() {
        assertPrints("tensor([[0, 3],\n"
                + "        [1, 4],\n"
                + "        [2, 5]])",
                Tensor.arange(0f, 6f, 1f).reshape(2, 3).transpose(0, 1));
    }

    @Test
    void requiresGrad() {
        assertPrints("tensor([1., 2.], requires_grad=True)",
                Tensor.of(1f, 2f).requiresGrad(true));
    }

    @Test
    void requiresGradWrapsOntoANewLine() {
        assertPrints("tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000],\n"
                + "       requires_grad=True)",
                Tensor.arange(0f, 9f, 1f).div(4f).requiresGrad(true));
    }

    @Test
    void gradFunctionShowsOurOpName() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        assertPrints("tensor([2., 4.], grad_fn=<mul>)", x.mul(2f));
        assertPrints("tensor(3., grad_fn=<sum>)", x.sum());
    }

    @Test
    void scalarThatRequiresGrad() {
        assertPrints("tensor(0.5000, requires_grad=True)", Tensor.scalar(0.5f).requiresGrad(true));
    }

    @Test
    void emptyIntegerTensorsShowTheirDtype() {
        assertPrints("tensor([], dtype=int32)", Tensor.arange(0));
        assertPrints("tensor([], size=(2, 0), dtype=int32)", Tensor.arange(0).reshape(2, 0));
    }

    @Test
    void integerDtypeNeverUsesScientificNotation() {
        assertPrints("tensor([       0, 20000000])", Tensor.arange(0f, 40000000f, 20000000f));
    }
}
