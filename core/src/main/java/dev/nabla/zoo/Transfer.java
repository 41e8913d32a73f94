package dev.nabla.zoo;

import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.ParameterGroup;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Transfer learning on a pretrained model: find a layer by its dotted name, freeze parts, cut
 * the model at a named layer, put a new head on it, read a layer's features, and group
 * parameters for per-group learning rates (Keras's {@code layer.trainable = False} and
 * functional re-wiring; PyTorch's {@code requires_grad_(False)} and {@code model.fc = ...}).
 *
 * <pre>{@code
 * Sequential resnet = Zoo.create("resnet18", ZooOptions.imageNet(), weights);
 * Transfer.freezeUpTo(resnet, "layer3");                         // conv1 ... layer3 frozen
 * Sequential model = Transfer.withHead(resnet, "flatten", Dense.linear(512, 10).named("fc"));
 * var adam = new Adam(1e-3f, Transfer.group(model, "layer4").learningRate(1e-4f), Transfer.group(model, "fc"));
 * }</pre>
 *
 * <p>The new models share their layers (and weights) with the old one; the old one should not
 * be used afterwards, as in Keras. A frozen layer gets no gradients and no updates, and a
 * frozen batch norm normalises with its running statistics and leaves them unchanged, as in
 * Keras (unlike PyTorch, where {@code requires_grad_(False)} alone keeps updating them).
 */
public final class Transfer {

    private Transfer() {
    }

    /**
     * The layer at a dotted path of child names ({@code layer4}, {@code layer4.1.conv2},
     * {@code features.denseblock4}), as the state-dict keys name it.
     *
     * @throws IllegalArgumentException for a path that names no layer, listing the children where it stops
     */
    public static Layer layer(Layer model, String path) {
        return LayerPaths.find(model, path);
    }

    /** Freezes the layers at these dotted paths (and everything in them); returns the model. */
    public static <L extends Layer> L freeze(L model, String... paths) {
        for (String path : paths) {
            layer(model, path).setTrainable(false);
        }
        return model;
    }

    /** Unfreezes the layers at these dotted paths (and everything in them); returns the model. */
    public static <L extends Layer> L unfreeze(L model, String... paths) {
        for (String path : paths) {
            layer(model, path).setTrainable(true);
        }
        return model;
    }

    /** Freezes the model's layers from the first up to and including {@code name}; returns the model. */
    public static Sequential freezeUpTo(Sequential model, String name) {
        for (String child : namesUpTo(model, name)) {
            model.children().get(child).setTrainable(false);
        }
        return model;
    }

    /** The model's layers from the first up to and including {@code name}, as a new model sharing them. */
    public static Sequential upTo(Sequential model, String name) {
        Sequential cut = new Sequential();
        for (String child : namesUpTo(model, name)) {
            cut.add(named(model.children().get(child), child));
        }
        return cut;
    }

    /**
     * The graph from its inputs to the output of the layer named {@code name} (Keras's
     * {@code Model(model.input, model.get_layer(name).output)}), sharing its layers.
     */
    public static Graph upTo(Graph graph, String name) {
        return new Graph(graph.inputNodes(), List.of(nodeNamed(graph, name)));
    }

    private static GraphNode nodeNamed(Graph graph, String name) {
        for (GraphNode node : graph.nodes()) {
            if (!node.isInput() && name.equals(graph.nameOf(node.layer()))) {
                return node;
            }
        }
        throw new IllegalArgumentException(graph.path() + ": no layer named '" + name + "'; its layers are "
                + graph.children().keySet());
    }

    /**
     * The model cut after {@code name}, followed by new layers: the pretrained body with a new
     * head. Layers of the head keep their given names; unnamed ones are numbered after the body.
     */
    public static Sequential withHead(Sequential model, String name, Layer... head) {
        Sequential out = upTo(model, name);
        for (Layer layer : head) {
            out.add(layer.givenName() != null ? layer : named(layer, Integer.toString(out.size())));
        }
        return out;
    }

    /** A graph cut at the layer named {@code name}, followed by one new layer, its output. */
    public static Graph withHead(Graph graph, String name, Layer head) {
        return new Graph(graph.inputNodes(), List.of(head.apply(nodeNamed(graph, name))));
    }

    /**
     * The output of the layer named {@code name} for this input (feature extraction), in
     * evaluation mode when the model is.
     */
    public static Tensor features(Sequential model, String name, Tensor input) {
        Tensor x = input;
        for (String child : namesUpTo(model, name)) {
            x = model.children().get(child).forward(x);
        }
        return x;
    }

    /**
     * The parameters of the layers at these dotted paths, as one group for an optimizer with
     * its own learning rate and weight decay ({@link ParameterGroup}). Frozen parameters are
     * included, so a layer unfrozen later (gradual unfreezing) is updated with its group's rate.
     */
    public static ParameterGroup group(Layer model, String... paths) {
        Set<Parameter> parameters = new LinkedHashSet<>();
        for (String path : paths) {
            parameters.addAll(layer(model, path).parameters());
        }
        return new ParameterGroup(new ArrayList<>(parameters));
    }

    private static List<String> namesUpTo(Sequential model, String name) {
        List<String> names = new ArrayList<>();
        for (String child : model.children().keySet()) {
            names.add(child);
            if (child.equals(name)) {
                return names;
            }
        }
        throw new IllegalArgumentException(model.path() + ": no layer named '" + name + "' at the top level;"
                + " its layers are " + model.children().keySet());
    }

    /** The layer under {@code name} in a new Sequential: its given name, else the name it had. */
    private static Layer named(Layer layer, String name) {
        return layer.givenName() != null ? layer : layer.named(name);
    }
}
