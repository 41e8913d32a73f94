package dev.nabla.io;

import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Converts one layer's tensors between PyTorch's layout and Nabla's, for the layers whose
 * conventions differ (an LSTM's gate order, say). {@link PyTorchWeights} calls it with every
 * tensor under the layer, its children's included, keyed relative to the layer
 * ({@code weight}, {@code cell.weight_ih}); children of a converted layer are not
 * converted again. A converter may rename, reorder or reshape, and returns new tensors.
 */
public interface StateDictConverter {

    /** PyTorch's tensors for the layer, as read from a state_dict, into the layer's own. */
    Map<String, Tensor> fromPyTorch(Map<String, Tensor> pyTorchState);

    /** The layer's own tensors into what PyTorch's module expects. */
    Map<String, Tensor> toPyTorch(Map<String, Tensor> nablaState);
}
