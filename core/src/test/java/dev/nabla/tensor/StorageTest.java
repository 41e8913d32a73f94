package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Storage of each dtype: conversions, round trips, views, in-place writes, and the bytes taken. */
class StorageTest {

    @Test
    void bfloat16RoundsToNearestEven() {
        float tieDown = 1f + 0x1p-8f;              // halfway between 1 and 1 + 2⁻⁷: the even neighbour is 1
        float tieUp = 1f + 3 * 0x1p-8f;            // halfway between 1 + 2⁻⁷ and 1 + 2⁻⁶: even is 1 + 2⁻⁶
        float aboveTie = 1f + 0x1p-8f + 0x1p-20f;  // just past the tie: up
        Tensor t = Tensor.of(tieDown, tieUp, aboveTie, -tieDown).to(DType.BFLOAT16);
        assertArrayEquals(new float[] {1f, 1f + 0x1p-6f, 1f + 0x1p-7f, -1f}, t.toFloatArray());
    }

    @Test
    void bfloat16KeepsNanAndInfinitiesAndFloat32Range() {
        Tensor t = Tensor.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e38f, Float.MAX_VALUE, -0f)
                .to(DType.BFLOAT16);
        float[] v = t.toFloatArray();
        assertTrue(Float.isNaN(v[0]));
        assertEquals(Float.POSITIVE_INFINITY, v[1]);
        assertEquals(Float.NEGATIVE_INFINITY, v[2]);
        assertEquals(1e38f, v[3], 1e38f * 0x1p-8f);
        assertEquals(Float.POSITIVE_INFINITY, v[4]); // past bfloat16's largest value, rounded up
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(v[5]));
    }

    @Test
    void float16OverflowsAndUnderflowsAsIeeeHalf() {
        float[] v = Tensor.of(65504f, 65520f, -70000f, 1e-8f, 0x1p-24f, Float.NaN, 1f + 0x1p-11f)
                .to(DType.FLOAT16).toFloatArray();
        assertEquals(65504f, v[0]);                    // the largest finite half
        assertEquals(Float.POSITIVE_INFINITY, v[1]);   // half an ulp past it
        assertEquals(Float.NEGATIVE_INFINITY, v[2]);
        assertEquals(0f, v[3]);                        // below half the smallest subnormal
        assertEquals(0x1p-24f, v[4]);                  // the smallest subnormal
        assertTrue(Float.isNaN(v[5]));
        assertEquals(1f, v[6]);                        // a tie, to even
    }

    @Test
    void halfValuesSurviveARoundTripExactly() {
        Generator gen = new Generator(3);
        for (DType half : new DType[] {DType.BFLOAT16, DType.FLOAT16}) {
            Tensor once = Tensor.randn(gen, 4, 5).to(half);
            Tensor back = once.to(DType.FLOAT32).to(half);
            assertEquals(half, back.dtype());
            assertArrayEquals(once.toFloatArray(), back.toFloatArray(), half.name());
            assertArrayEquals(once.toFloatArray(), once.to(DType.FLOAT32).toFloatArray());
        }
    }

    @Test
    void convertingToTheSameDtypeCopies() {
        Tensor t = Tensor.of(1f, 2f).to(DType.BFLOAT16);
        Tensor copy = t.to(DType.BFLOAT16);
        assertTrue(copy.storage() != t.storage());
        assertArrayEquals(t.toFloatArray(), copy.toFloatArray());
    }

    @Test
    void integralAndHalfConvertBothWays() {
        Tensor labels = Tensor.of(3f, -2f, 7f).to(DType.INT32).to(DType.BFLOAT16);
        assertArrayEquals(new float[] {3f, -2f, 7f}, labels.toFloatArray());
        assertArrayEquals(new float[] {1f, -2f}, Tensor.of(1.75f, -2.5f).to(DType.FLOAT16).to(DType.INT32).toFloatArray());
    }

    @Test
    void aHalfTensorTakesHalfTheBytes() {
        Tensor single = Tensor.zeros(64, 32);
        Tensor half = single.to(DType.BFLOAT16);
        assertEquals(64 * 32 * 4, single.nbytes());
        assertEquals(64 * 32 * 2, half.nbytes());
        assertEquals(64 * 32 * 2, half.storage().bytes());
        assertInstanceOf(Storage.HalfStorage.class, half.storage());
        assertEquals(64 * 32 * 2, single.to(DType.FLOAT16).storage().bytes());
    }

    @Test
    void viewsOfAHalfTensorShareItsStorage() {
        Tensor t = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3).to(DType.BFLOAT16);
        Tensor view = t.transpose(0, 1).slice(0, 1, 3);
        assertSame(t.storage(), view.storage());
        assertEquals(DType.BFLOAT16, view.dtype());
        assertArrayEquals(new float[] {2f, 5f, 3f, 6f}, view.toFloatArray());
        assertEquals(6f, view.get(1, 1));
        assertEquals(DType.BFLOAT16, view.contiguous().dtype());
    }

    @Test
    void assignRoundsIntoHalfStorage() {
        Tensor t = Tensor.zeros(2, 2).to(DType.BFLOAT16);
        t.slice(1, 1, 2).assign(Tensor.of(new float[] {1f + 0x1p-9f, 3.14159f}, 2, 1));
        assertArrayEquals(new float[] {0f, 1f, 0f, 3.140625f}, t.toFloatArray());
    }

    @Test
    void aHalfTensorPrintsItsDtype() {
        assertEquals("tensor([1.5000, 2.0000], dtype=bfloat16)", Tensor.of(1.5f, 2f).to(DType.BFLOAT16).toString());
    }
}
