package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class GradCamTest {

    @Test
    void equalsCaptumsLayerGradCamOnTheSecondConvolution() {
        Sequential model = CaptumFixture.model();
        Tensor map = new GradCam(model, "3").attribute(CaptumFixture.tensor("input"), CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("grad_cam_3", map);
        Tensor positive = new GradCam(model, "3").relu(true).attribute(CaptumFixture.tensor("input"),
                CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("grad_cam_3", positive.sub(map.relu()).add(map));
    }

    @Test
    void upsamplingIsBilinearWithHalfPixelCentres() {
        Tensor map = Tensor.of(new float[] {0, 1, 2, 3}, 1, 1, 2, 2);
        Tensor up = GradCam.upsample(map, 4, 4);
        // PyTorch: F.interpolate(map, size=(4, 4), mode="bilinear", align_corners=False)[0, 0, 0] = 0, 0.25, 0.75, 1.
        assertEquals(Tensor.of(new float[] {0, 0.25f, 0.75f, 1}).toString(), up.slice(2, 0, 1).reshape(4).toString());
        assertEquals(3f, up.get(0, 0, 3, 3));
    }

    @Test
    void anUnknownLayerOrOneWithoutSpaceIsExplained() {
        Sequential model = CaptumFixture.model();
        Tensor input = CaptumFixture.tensor("input");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(model, "conv9").attribute(input, 0));
        assertTrue(unknown.getMessage().contains("no layer 'conv9': Sequential has no child 'conv9'; its children are [0, 1, 2, 3"), unknown.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(model, "5").attribute(input, 0));
        assertTrue(flat.getMessage().contains("needs a [samples, channels, height, width] output"), flat.getMessage());
    }

    @Test
    void inAFunctionalGraphTheLayerIsNamedAsTheGraphNamesIt() {
        Sequential layers = CaptumFixture.model();
        GraphNode input = GraphNode.input("image", 1, 8, 8);
        GraphNode x = input;
        for (Layer layer : layers.children().values().toArray(Layer[]::new)) {
            x = layer.apply(x);
        }
        Graph graph = new Graph(input, x);
        assertEquals("conv2d_1", graph.nameOf(layers.children().get("3")));
        Tensor map = new GradCam(graph, "conv2d_1").attribute(CaptumFixture.tensor("input"), CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("grad_cam_3", map);
    }

    @Test
    void inAZooResNetAnyStageBlockOrConvolutionInsideABlockCanBeExplained() {
        Layer.manualSeed(3);
        Sequential resnet = Zoo.cifarResnet(8, ZooOptions.of(4).inChannels(1));
        Tensor images = Tensor.randn(new Generator(5), 2, 1, 16, 16);
        Tensor stage = new GradCam(resnet, "layer3").attribute(images, 1, 3);
        Tensor lastBlock = new GradCam(resnet, "layer3.0").attribute(images, 1, 3);
        assertEquals("[2, 1, 4, 4]", stage.shape().toString());
        assertEquals(stage.toString(), lastBlock.toString());   // a stage's output is its last block's
        Tensor insideBlock = new GradCam(resnet, "layer3.0.conv2").attribute(images, 1, 3);
        assertEquals("[2, 1, 4, 4]", insideBlock.shape().toString());
        assertTrue(insideBlock.abs().sum().item() > 0, "the map inside a residual block is not all zero");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(resnet, "layer9"));
        assertTrue(unknown.getMessage().contains("has no child 'layer9'; its children are [conv1, bn1, relu, layer1, layer2, layer3"), unknown.getMessage());
    }
}
