package dev.nabla.onnx;

import java.util.List;

/** How one ONNX operator computes with Nabla's tensor ops (so gradients flow through it). */
@FunctionalInterface
interface Operator {

    /** The node's outputs from its inputs; an omitted optional input is null. */
    List<Value> apply(OnnxNode node, List<Value> inputs);
}
