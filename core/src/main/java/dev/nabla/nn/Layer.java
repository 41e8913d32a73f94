package dev.nabla.nn;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The base of every layer and model (PyTorch's {@code nn.Module}, Keras's {@code Layer}).
 *
 * <p>A layer registers its parameters, buffers (non-trainable state such as batch-norm
 * running statistics) and child layers explicitly and in order, so {@link #stateDict()}
 * keys are deterministic: {@code block1.conv.weight}, {@code bn.running_mean}.
 *
 * <p>Building is the base class's concern, as in Keras's {@code __call__}: a layer that sizes
 * itself from its input overrides {@link #build(Shape)}, and {@link #forward(Tensor)} builds it
 * from the first input's shape, once, before {@link #call(Tensor)}, so {@code new Dense(128)}
 * works. A layer given its sizes builds in its constructor with {@link #build(int...)}; one that
 * does not override {@code build} is built from the start.
 *
 * <p>Subclasses implement {@code call}, or override {@code forward} as a PyTorch module does; a
 * custom model adds children in its constructor and combines them there. Layers with several
 * inputs override {@link #forward(List)}, with several outputs {@link #forwardAll(List)}.
 *
 * <p>Line budget: the base of every layer holds building, naming, state, modes and forward hooks,
 * each a few lines, which a newcomer looks for here, as in PyTorch's {@code Module}.
 */
public abstract class Layer {

    /**
     * The default generator's seed in every JVM until {@link #manualSeed} (PyTorch's default):
     * a program that never seeds gives the same initial weights and dropout masks on every run.
     */
    public static final long DEFAULT_SEED = 67280421310721L;

    private static volatile Generator defaultGenerator = new Generator(DEFAULT_SEED);
    private static volatile long initialSeed = DEFAULT_SEED;

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private Layer parent;
    private String name;
    private String givenName;
    private Generator generator;
    private boolean training = true;
    private boolean trainable = true;
    /** False until an overridden {@link #build(Shape)} has run; volatile, built under the lock: once. */
    private volatile boolean built = !LazySizing.declaredBy(getClass());
    private final List<Consumer<Tensor>> forwardHooks = new CopyOnWriteArrayList<>();

    /**
     * Restarts the default generator, which initialises layers with no seeded ancestor and draws
     * their dropout masks, from {@code seed} (PyTorch's {@code torch.manual_seed}). Without a call
     * it starts from {@link #DEFAULT_SEED}. The generator is shared by every thread: layers made
     * on several threads at once draw from it in no fixed order, so seed those with
     * {@link #seed(long)} instead.
     */
    public static synchronized void manualSeed(long seed) {
        defaultGenerator = new Generator(seed);
        initialSeed = seed;
    }

    /**
     * The seed the default generator last started from: {@link #manualSeed}'s, else
     * {@link #DEFAULT_SEED} (PyTorch's {@code torch.initial_seed}).
     */
    public static long initialSeed() {
        return initialSeed;
    }

    /**
     * The layer's output for one input: on the first call, a layer that sizes itself from its
     * input is built from this input's shape; then {@link #call(Tensor)} computes the output.
     */
    public Tensor forward(Tensor input) {
        if (!built) {
            buildIfNeeded(input.shape());
        }
        Tensor output = passesMask() ? Masks.passOn(input, call(input)) : call(input);
        for (Consumer<Tensor> hook : forwardHooks) {
            hook.accept(output);
        }
        return output;
    }

    /**
     * Calls {@code hook} with every output of {@link #forward(Tensor)} until the handle is closed
     * (PyTorch's {@code register_forward_hook}): how explanations and training diagnostics read a
     * layer's activations inside any model. Layers that override {@code forward(Tensor)} itself
     * (recurrent layers, transformer blocks) are not observed. The hook must not change the output.
     */
    public final ForwardHook addForwardHook(Consumer<Tensor> hook) {
        forwardHooks.add(hook);
        return () -> forwardHooks.remove(hook);
    }

    /** Whether a mask on the input ({@link Masks}) is passed on with the output (Keras's {@code supports_masking}). */
    protected boolean passesMask() {
        return false;
    }

    /** Whether some forward hook observes this layer's output (then no inference path may skip computing it). */
    boolean observed() {
        return !forwardHooks.isEmpty();
    }

    /** What the layer computes once built (Keras's {@code call}), unless it overrides {@code forward}. */
    protected Tensor call(Tensor input) {
        throw new UnsupportedOperationException(path() + ": " + getClass().getName()
                + " implements neither call(Tensor) nor forward(Tensor)");
    }

    /** The layer's output for several inputs; layers with one input accept exactly one. */
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(path() + ": takes one input, got " + inputs.size());
        }
        return forward(inputs.get(0));
    }

    /**
     * Every output of the layer, in a fixed order (PyTorch's modules returning a tuple): a
     * recurrent layer gives its output {@code [N, T, H]}, hidden state {@code [N, H]} and cell
     * state {@code [N, H]}. By default, {@link #forward(List)}'s one output. A layer with several
     * overrides this and has {@code forward} give the first, which a {@link Sequential} passes
     * on; in a {@link Graph}, {@link GraphNode#output(int)} selects the others.
     */
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        return List.of(forward(inputs));
    }

    /**
     * This layer applied to symbolic inputs, for building a {@link Graph} (Keras's
     * {@code layer(x)}): nothing is computed until the graph runs. The node is the layer's
     * first output; {@link GraphNode#output(int)} gives the others of a layer with several.
     */
    public final GraphNode apply(GraphNode... inputs) {
        return GraphNode.applied(this, inputs);
    }

    /**
     * Creates the parameters from the first input's shape (Keras's {@code build}), or throws a
     * shape error. Overriding it declares that the layer sizes itself from its input.
     */
    protected void build(Shape inputShape) {
    }

    /** Builds the layer for inputs of this shape (batch first) now, rather than on first use. */
    public final Layer build(int... inputShape) {
        buildIfNeeded(Shape.of(inputShape));
        return this;
    }

    /**
     * Calls {@link #build(Shape)} the first time, with the shape of the first input; a layer that
     * overrides {@code build} and also {@code forward}, {@code forward(List)} or {@code forwardAll}
     * calls it first there.
     */
    protected final void buildIfNeeded(Shape inputShape) {
        if (!built) {
            synchronized (this) {
                if (!built) {
                    build(inputShape);
                    built = true;
                }
            }
        }
    }

    /** Not needed: a layer that does not override {@link #build(Shape)} is built from the start. */
    @Deprecated
    protected final void markBuilt() {
        built = true;
    }

    /** Whether the parameters exist yet. */
    public boolean isBuilt() {
        return built;
    }

    /** Registers a parameter under {@code name}, holding a copy of {@code initial}. */
    protected final Parameter addParameter(String name, Tensor initial) {
        checkNewName(name);
        Parameter p = new Parameter(initial);
        if (!trainable) {
            p.setTrainable(false);
        }
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer: state saved with the layer but not trained. */
    protected final void addBuffer(String name, Tensor initial) {
        checkNewName(name);
        buffers.put(name, Tensor.of(initial.toFloatArray(), initial.shape().toArray()));
    }

    /** The current value of a buffer. */
    protected final Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException(path() + ": no buffer named '" + name + "'");
        }
        return b;
    }

    /** Overwrites a buffer's values in place (its shape stays). */
    protected final void updateBuffer(String name, Tensor value) {
        try (NoGrad ignored = NoGrad.enter()) {
            buffer(name).assign(value.detach());
        }
    }

    /** Registers a child layer under {@code name}; returns it. */
    protected final <L extends Layer> L addChild(String name, L child) {
        checkNewName(name);
        Layer registered = child;
        registered.parent = this;
        registered.name = name;
        if (!trainable) {
            child.setTrainable(false);
        }
        children.put(name, child);
        return child;
    }

    private void checkNewName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(path() + ": invalid name '" + name + "' (non-empty, no dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(path() + ": the name '" + name + "' is already taken");
        }
    }

    /**
     * Gives this layer a name (Keras's {@code name=}) before it joins a model: a
     * {@link Sequential} or {@link Graph} registers it under this name rather than a generated
     * one, so the summary, the state-dict keys ({@code head.weight}) and model files show it.
     * Returns this.
     */
    @SuppressWarnings("unchecked")
    public final <L extends Layer> L named(String layerName) {
        if (layerName == null || layerName.isEmpty() || layerName.contains(".")) {
            throw new IllegalArgumentException(path() + ": invalid layer name '" + layerName
                    + "': give a non-empty name without dots, e.g. 'head'");
        }
        givenName = layerName;
        return (L) this;
    }

    /** The name given with {@link #named(String)}, or null. */
    public String givenName() {
        return givenName;
    }

    /** The child layers in registration order. */
    public Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this layer and its descendants, keyed by dotted path. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((k, p) -> out.put(prefix + k, p));
        children.forEach((k, c) -> c.collectParameters(prefix + k + ".", out));
    }

    /** Every parameter, in state-dict order. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The parameters an optimizer should update. */
    public List<Parameter> trainableParameters() {
        return parameters().stream().filter(Parameter::isTrainable).toList();
    }

    /** The number of parameter elements. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Parameter::size).sum();
    }

    /** The number of trainable parameter elements. */
    public long trainableParameterCount() {
        return trainableParameters().stream().mapToLong(Parameter::size).sum();
    }

    /**
     * Parameters and buffers by dotted name, in registration order: this layer's own
     * parameters, its buffers, then each child's (as PyTorch orders a state_dict). The
     * tensors are the live values; copy them to keep a snapshot.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, p) -> out.put(prefix + k, p.value()));
        buffers.forEach((k, b) -> out.put(prefix + k, b));
        children.forEach((k, c) -> c.collectState(prefix + k + ".", out));
    }

    /**
     * Copies values from {@code state} into this layer's parameters and buffers. With
     * {@code strict}, any missing key, unexpected key or shape mismatch is an error that
     * names them all; otherwise matching entries are loaded and the rest reported.
     */
    public StateDictReport loadStateDict(Map<String, Tensor> state, boolean strict) {
        return StateDictReport.load(this, state, strict);
    }

    /** Training mode for this layer and its descendants (dropout active, batch statistics). */
    public Layer train() {
        return setTraining(true);
    }

    /** Evaluation mode: dropout off, running statistics. */
    public Layer eval() {
        return setTraining(false);
    }

    private Layer setTraining(boolean value) {
        training = value;
        children.values().forEach(c -> c.setTraining(value));
        return this;
    }

    /** Whether in training mode; never inside an {@link Inference} scope on the calling thread. */
    public boolean isTraining() {
        return training && !Inference.isActive();
    }

    /**
     * Freezes ({@code false}) or unfreezes this layer and its descendants: frozen
     * parameters get no gradients, and a frozen batch norm uses its running statistics.
     */
    public Layer setTrainable(boolean value) {
        trainable = value;
        parameters.values().forEach(p -> p.setTrainable(value));
        children.values().forEach(c -> c.setTrainable(value));
        return this;
    }

    /** Whether this layer is trainable (not frozen). */
    public boolean isTrainable() {
        return trainable;
    }

    /** The dotted path from the outermost layer, for messages: {@code Sequential.features.0}. */
    public String path() {
        return parent == null ? getClass().getSimpleName() : parent.path() + "." + name;
    }

    /** The generator that initialises this layer: the nearest seeded ancestor's, else the default. */
    protected final Generator generator() {
        for (Layer l = this; l != null; l = l.parent) {
            if (l.generator != null) {
                return l.generator;
            }
        }
        return defaultGenerator;
    }

    /**
     * Seeds the initialisation and dropout masks of this layer and its descendants from
     * now on (layers built in their constructor are already initialised: seed those with
     * {@link #manualSeed(long)} before creating them). Returns this.
     */
    @SuppressWarnings("unchecked")
    public final <L extends Layer> L seed(long seed) {
        this.generator = new Generator(seed);
        return (L) this;
    }

    /** The layer's settings for {@link #toString()}, e.g. {@code in=784, out=128}. */
    protected String describe() {
        return "";
    }

    /** A tree like PyTorch's module printout. */
    @Override
    public String toString() {
        return Summary.tree(this);
    }

    /** An op's error about this layer's input, prefixed with the layer's path. */
    protected final IllegalArgumentException atThisLayer(IllegalArgumentException cause) {
        return new IllegalArgumentException(path() + ": " + cause.getMessage(), cause);
    }

    /** An error for an input of the wrong shape, naming this layer and both shapes. */
    protected final IllegalArgumentException shapeError(String expected, Shape actual) {
        return new IllegalArgumentException(path() + ": expected input of shape " + expected + ", got " + actual);
    }

    /** An error for an input of the wrong shape, naming this layer, both shapes and the likely fix. */
    protected final IllegalArgumentException shapeError(String expected, Shape actual, String likelyFix) {
        return new IllegalArgumentException(shapeError(expected, actual).getMessage() + "; " + likelyFix);
    }

    /**
     * An error for an input of the wrong shape with the likely fix in Java ({@code new Dense(10)})
     * and in an experiment file ({@code {type: dense, units: 10}}), which the command line shows.
     */
    protected final AdvisedException shapeError(String expected, Shape actual, String javaFix, String fileFix) {
        return new AdvisedException(path(), "expected input of shape " + expected + ", got " + actual, javaFix, fileFix);
    }
}
