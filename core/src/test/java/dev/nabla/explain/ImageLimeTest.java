package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImageLimeTest {

    /** Scores the brightness of the top-left 8×8 quarter of a 16×16 image: nothing else matters. */
    static final class TopLeftBrightness extends Layer {
        @Override
        protected Tensor call(Tensor input) {
            return input.slice(2, 0, 8).slice(3, 0, 8).mean(new int[] {1, 2, 3}, false).reshape(input.dim(0), 1);
        }
    }

    private static Tensor image() {
        return Tensor.rand(new Generator(3), 1, 16, 16).mul(0.8f).add(0.2f);
    }

    @Test
    void theSegmentsOfTheRegionThatDrivesTheModelGetTheWeight() {
        Segmentation cells = Segmentation.grid(16, 16, 4);   // 4×4 cells; the top-left quarter is cells 0, 1, 4, 5
        LimeExplanation explanation = new ImageLime(new TopLeftBrightness()).fill(0).samples(400).seed(2)
                .explain(image(), 0, cells);
        Set<Integer> top = explanation.top(4).stream().map(LimeExplanation.Feature::index).collect(Collectors.toSet());
        assertEquals(Set.of(0, 1, 4, 5), top);
        double smallest = explanation.top(4).stream().mapToDouble(f -> f.weight()).min().orElseThrow();
        for (int s : new int[] {2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}) {
            assertTrue(Math.abs(explanation.weights()[s]) < 0.05 * smallest, "segment " + s + ": "
                    + explanation.weights()[s]);
        }
        Tensor heatmap = ImageLime.heatmap(explanation, cells);
        assertEquals("[16, 16]", heatmap.shape().toString());
        assertEquals((float) explanation.weights()[5], heatmap.get(5, 6));
    }

    @Test
    void withSlicSegmentsTheRegionIsFoundAndTheSeedReproducesTheWeights() {
        Tensor picture = image();
        Segmentation segments = Segmentation.slic(picture, 16, 0.1, 10);
        ImageLime lime = new ImageLime(new TopLeftBrightness()).fill(0).samples(300).seed(9);
        LimeExplanation explanation = lime.explain(picture, 0, segments);
        Tensor heatmap = ImageLime.heatmap(explanation, segments);
        float inside = heatmap.slice(0, 0, 8).slice(1, 0, 8).mean().item();
        float outside = heatmap.slice(0, 8, 16).slice(1, 8, 16).mean().item();
        assertTrue(inside > 10 * Math.abs(outside), "inside " + inside + ", outside " + outside);
        assertArrayEquals(explanation.weights(), lime.explain(picture, 0, segments).weights());
    }
}
