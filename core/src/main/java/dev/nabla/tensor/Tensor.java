package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.UnaryOp;
import java.util.List;

/**
 * An N-dimensional array that can record the ops applied to it, so gradients flow
 * back with {@link #backward()} (define-by-run, like PyTorch's autograd). Values are float32
 * unless the tensor is converted with {@link #to(DType)} to bfloat16 or float16, which store
 * 2 bytes per value and compute in float32 (see {@link DType} for the result of mixed ops).
 *
 * <p>A tensor is a view: storage, shape, strides and an offset. Views ({@link #reshape} of
 * contiguous data, {@link #transpose}, {@link #slice}, {@link #expand}) share storage;
 * every other op makes a new tensor. Shapes broadcast as in NumPy. Negative axes count
 * from the end.
 *
 * <p>This class is the user-facing surface, so it is long: each method is a one-line
 * delegation to the package-private op family that holds the forward and backward code.
 * Line budget: that list of verbs is the API, one line each, kept in one place.
 */
public final class Tensor {

    private final Storage storage;
    private final int offset;
    private final int[] strides;
    private final Shape shape;
    private final DType dtype;

    private boolean requiresGrad;
    private boolean retainGrad;
    private Node node;
    private Tensor grad;
    private boolean unshared;

    Tensor(Storage storage, Shape shape, int[] strides, int offset, DType dtype) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.dtype = dtype;
    }

    /** A new contiguous tensor over {@code data} (not copied). */
    static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(new Storage.FloatStorage(data), shape, shape.contiguousStrides(), 0, DType.FLOAT32);
    }

    /** A new contiguous tensor of {@code dtype} over {@code data}: not copied for float32, rounded for halves. */
    static Tensor wrap(float[] data, Shape shape, DType dtype) {
        return new Tensor(Storage.of(data, dtype), shape, shape.contiguousStrides(), 0, dtype);
    }

    /** A view of the same storage (package-private: the op families' way to make views). */
    Tensor view(Shape newShape, int[] newStrides, int newOffset) {
        return new Tensor(storage, newShape, newStrides, newOffset, dtype);
    }

    Storage storage() { return storage; }
    int offset() { return offset; }
    int stride(int axis) { return strides[axis]; }
    /** Every element of the storage as float32: the array itself for float32, a widened copy for halves. */
    float[] data() { return storage.floats(); }

    // ---------------------------------------------------------------- creation

    /** All zeros. */
    public static Tensor zeros(int... shape) { return Creation.full(0f, Shape.of(shape)); }
    /** All ones. */
    public static Tensor ones(int... shape) { return Creation.full(1f, Shape.of(shape)); }
    /** Every element {@code value}. */
    public static Tensor full(float value, int... shape) { return Creation.full(value, Shape.of(shape)); }
    /** A 0-d tensor holding {@code value}. */
    public static Tensor scalar(float value) { return Creation.full(value, Shape.of()); }
    /** A 1-d tensor of the given values (copied). */
    public static Tensor of(float... values) { return Creation.of(values, Shape.of(values.length)); }
    /** A tensor of the given shape over a copy of {@code data} in row-major order. */
    public static Tensor of(float[] data, int... shape) { return Creation.of(data, Shape.of(shape)); }
    /** A matrix from rows of equal length (copied). */
    public static Tensor of(float[][] rows) { return Creation.of(rows); }
    /** 0, 1, ..., end-1 as integers. */
    public static Tensor arange(int end) { return Creation.arange(0, end, 1); }
    /** start, start+step, ... below end (above end for a negative step). */
    public static Tensor arange(float start, float end, float step) { return Creation.arange(start, end, step); }
    /** {@code steps} evenly spaced values from start to end inclusive. */
    public static Tensor linspace(float start, float end, int steps) { return Creation.linspace(start, end, steps); }
    /** The n × n identity matrix. */
    public static Tensor eye(int n) { return Creation.eye(n, n); }
    /** An n × m matrix with ones on the diagonal. */
    public static Tensor eye(int n, int m) { return Creation.eye(n, m); }
    /** Uniform in [0, 1). */
    public static Tensor rand(Generator gen, int... shape) { return Creation.uniform(gen, 0f, 1f, Shape.of(shape)); }
    /** Standard normal. */
    public static Tensor randn(Generator gen, int... shape) { return Creation.normal(gen, 0f, 1f, Shape.of(shape)); }
    /** Normal with the given mean and standard deviation. */
    public static Tensor normal(Generator gen, float mean, float std, int... shape) { return Creation.normal(gen, mean, std, Shape.of(shape)); }
    /** Uniform in [low, high). */
    public static Tensor uniform(Generator gen, float low, float high, int... shape) { return Creation.uniform(gen, low, high, Shape.of(shape)); }
    /** 1 with probability p, else 0. */
    public static Tensor bernoulli(Generator gen, float p, int... shape) { return Creation.bernoulli(gen, p, Shape.of(shape)); }
    /** Integers uniform in [low, high). */
    public static Tensor randint(Generator gen, int low, int high, int... shape) { return Creation.randint(gen, low, high, Shape.of(shape)); }
    /** A random ordering of 0..n-1. */
    public static Tensor permutation(Generator gen, int n) { return Creation.permutation(gen, n); }

    // ---------------------------------------------------------------- properties

    /** The shape. */
    public Shape shape() { return shape; }
    /** The size of one dimension. */
    public int dim(int axis) { return shape.dim(axis); }
    /** The number of dimensions. */
    public int rank() { return shape.rank(); }
    /** The number of elements. */
    public int size() { return shape.size(); }
    /** What the values mean (float or integral). */
    public DType dtype() { return dtype; }
    /** A copy of the strides, in elements. */
    public int[] strides() { return strides.clone(); }
    /** Whether the elements lie in row-major order with no gaps. */
    public boolean isContiguous() { return Layout.isContiguous(shape, strides); }

    /** The value of a one-element tensor. */
    public float item() {
        if (size() != 1) {
            throw new IllegalStateException("item: only a one-element tensor has an item, this one has shape " + shape);
        }
        return storage.get(offset);
    }

    /** The element at {@code index} (one index per dimension). */
    public float get(int... index) { return storage.get(Layout.position(this, index)); }

    /**
     * A copy in the given dtype (PyTorch's {@code .to(dtype)}, which however returns the tensor
     * itself when the dtype is its own): rounded to nearest even for {@link DType#BFLOAT16} and
     * {@link DType#FLOAT16}, truncated toward zero for {@link DType#INT32} as PyTorch does.
     * Between floating dtypes the gradient flows back, cast to this tensor's dtype.
     */
    public Tensor to(DType target) { return Creation.convert(this, target); }

    /** The bytes the elements take, {@code size() · dtype().bytes()} (PyTorch's {@code nbytes}). */
    public long nbytes() { return (long) size() * dtype.bytes(); }

    /** A copy of the values in row-major order. */
    public float[] toFloatArray() { return Layout.toArray(this); }

    /** Whether every element is within {@code atol + rtol·|other|} of the other's (shapes broadcast). */
    public boolean allClose(Tensor other, float rtol, float atol) { return Layout.allClose(this, other, rtol, atol); }
    /** {@link #allClose(Tensor, float, float)} with NumPy's defaults rtol 1e-5, atol 1e-8. */
    public boolean allClose(Tensor other) { return allClose(other, 1e-5f, 1e-8f); }

    @Override
    public String toString() { return TensorFormat.format(this); }

    // ---------------------------------------------------------------- autograd

    /** Marks a leaf tensor as needing gradients; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change it; this tensor is"
                    + " the output of '" + node.op + "' (use detach() for a leaf copy)");
        }
        requiresGrad = value;
        return this;
    }

    /** Whether gradients flow to or through this tensor. */
    public boolean requiresGrad() { return requiresGrad; }
    /** Whether this tensor was created by the user rather than by a recorded op. */
    public boolean isLeaf() { return node == null; }
    /** The accumulated gradient, or null before any backward (or after {@link #zeroGrad()}). */
    public Tensor grad() { return grad; }
    /** Forgets the accumulated gradient. */
    public void zeroGrad() { grad = null; }
    /** Keeps the gradient of this non-leaf tensor in {@link #grad()} during backward; returns this. */
    public Tensor retainGrad() { retainGrad = true; return this; }
    /** The name of the op that produced this tensor, or null for a leaf. */
    public String gradFunction() { return node == null ? null : node.op; }

    /** Back-propagates from this scalar: accumulates d(this)/d(leaf) into every leaf's grad. */
    public void backward() { Autograd.backward(this, null, false); }
    /** Back-propagates with an explicit gradient of this tensor's shape. */
    public void backward(Tensor gradient) { Autograd.backward(this, gradient, false); }
    /** Back-propagates; with {@code retainGraph} the graph may be used again. */
    public void backward(Tensor gradient, boolean retainGraph) { Autograd.backward(this, gradient, retainGraph); }

    /** The same values, cut out of the graph (shares storage). */
    public Tensor detach() { return new Tensor(storage, shape, strides, offset, dtype); }

    /**
     * Copies {@code value}'s elements into this tensor's storage: the one in-place write,
     * for optimizer updates. Requires a NoGrad scope when this tensor requires grad.
     */
    public void assign(Tensor value) { Layout.assign(this, value); }

    boolean retainsGrad() { return retainGrad; }
    Node node() { return node; }

    void attach(Node n) {
        node = n;
        requiresGrad = true;
    }

    void accumulateGrad(Tensor g) {
        if (grad != null) {
            grad = grad.add(g);
        } else if (g.unshared) {
            g.unshared = false; // taken: whoever receives the same object next copies it
            grad = g;
        } else {
            grad = g.contiguousCopy();
        }
    }

    /**
     * Marks a new contiguous result of a backward rule whose storage nothing else holds, so the
     * first leaf it reaches keeps it as its gradient instead of a copy; returns this.
     */
    Tensor unshared() {
        unshared = true;
        return this;
    }

    // ---------------------------------------------------------------- pointwise

    /** this + other (broadcasting). */
    public Tensor add(Tensor other) { return Pointwise.binary(BinaryOp.ADD, this, other); }
    /** this + value. */
    public Tensor add(float value) { return Pointwise.binary(BinaryOp.ADD, this, scalar(value)); }
    /** this - other. */
    public Tensor sub(Tensor other) { return Pointwise.binary(BinaryOp.SUB, this, other); }
    /** this - value. */
    public Tensor sub(float value) { return Pointwise.binary(BinaryOp.SUB, this, scalar(value)); }
    /** this * other. */
    public Tensor mul(Tensor other) { return Pointwise.binary(BinaryOp.MUL, this, other); }
    /** this * value. */
    public Tensor mul(float value) { return Pointwise.binary(BinaryOp.MUL, this, scalar(value)); }
    /** this / other. */
    public Tensor div(Tensor other) { return Pointwise.binary(BinaryOp.DIV, this, other); }
    /** this / value. */
    public Tensor div(float value) { return Pointwise.binary(BinaryOp.DIV, this, scalar(value)); }
    /** this raised to other, elementwise. */
    public Tensor pow(Tensor exponent) { return Pointwise.binary(BinaryOp.POW, this, exponent); }
    /** this raised to a constant power. */
    public Tensor pow(float exponent) { return Pointwise.unary(UnaryOp.POW_SCALAR, exponent, this); }
    /** Elementwise larger of the two (NaN if either is). */
    public Tensor maximum(Tensor other) { return Pointwise.binary(BinaryOp.MAX, this, other); }
    /** Elementwise smaller of the two (NaN if either is). */
    public Tensor minimum(Tensor other) { return Pointwise.binary(BinaryOp.MIN, this, other); }
    /** -this. */
    public Tensor neg() { return Pointwise.unary(UnaryOp.NEG, 0f, this); }
    /** |this|. */
    public Tensor abs() { return Pointwise.unary(UnaryOp.ABS, 0f, this); }
    /** Square root. */
    public Tensor sqrt() { return Pointwise.unary(UnaryOp.SQRT, 0f, this); }
    /** e to the power of this. */
    public Tensor exp() { return Pointwise.unary(UnaryOp.EXP, 0f, this); }
    /** Natural logarithm. */
    public Tensor log() { return Pointwise.unary(UnaryOp.LOG, 0f, this); }
    /** log(1 + this), accurate near 0. */
    public Tensor log1p() { return Pointwise.unary(UnaryOp.LOG1P, 0f, this); }
    /** Sine. */
    public Tensor sin() { return Pointwise.unary(UnaryOp.SIN, 0f, this); }
    /** Cosine. */
    public Tensor cos() { return Pointwise.unary(UnaryOp.COS, 0f, this); }
    /** Hyperbolic tangent. */
    public Tensor tanh() { return Pointwise.unary(UnaryOp.TANH, 0f, this); }
    /** The error function. */
    public Tensor erf() { return Pointwise.unary(UnaryOp.ERF, 0f, this); }
    /** -1, 0 or 1 by sign (gradient 0). */
    public Tensor sign() { return Pointwise.unary(UnaryOp.SIGN, 0f, this); }
    /** 1 / (1 + e^-x). */
    public Tensor sigmoid() { return Pointwise.unary(UnaryOp.SIGMOID, 0f, this); }
    /** max(x, 0). */
    public Tensor relu() { return Pointwise.unary(UnaryOp.RELU, 0f, this); }
    /** x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01). */
    public Tensor leakyRelu(float slope) { return Pointwise.unary(UnaryOp.LEAKY_RELU, slope, this); }
    /** x for x > 0, alpha·(e^x - 1) otherwise. */
    public Tensor elu(float alpha) { return Pointwise.unary(UnaryOp.ELU, alpha, this); }
    /** x·Φ(x), the exact GELU. */
    public Tensor gelu() { return Pointwise.unary(UnaryOp.GELU, 0f, this); }
    /** The tanh approximation of GELU (PyTorch's {@code approximate='tanh'}). */
    public Tensor geluTanh() { return Pointwise.unary(UnaryOp.GELU_TANH, 0f, this); }
    /** x·sigmoid(x), also called Swish. */
    public Tensor silu() { return Pointwise.unary(UnaryOp.SILU, 0f, this); }
    /** log(1 + e^x), stable for large |x|. */
    public Tensor softplus() { return softplus(1f); }
    /** log(1 + e^(beta·x)) / beta; linear above beta·x = 20, as in PyTorch. */
    public Tensor softplus(float beta) { return Pointwise.unary(UnaryOp.SOFTPLUS, beta, this); }
    /** Limits every element to [min, max]; the gradient passes where min ≤ x ≤ max. */
    public Tensor clamp(float min, float max) { return Pointwise.clamp(this, min, max); }
    /** cond ? a : b elementwise, where cond is a 0/1 mask (all three broadcast). */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) { return Pointwise.where(condition, a, b); }

    /** 1 where equal, else 0. */
    public Tensor eq(Tensor other) { return Pointwise.binary(BinaryOp.EQ, this, other); }
    /** 1 where equal to value, else 0. */
    public Tensor eq(float value) { return eq(scalar(value)); }
    /** 1 where not equal, else 0. */
    public Tensor ne(Tensor other) { return Pointwise.binary(BinaryOp.NE, this, other); }
    /** 1 where less, else 0. */
    public Tensor lt(Tensor other) { return Pointwise.binary(BinaryOp.LT, this, other); }
    /** 1 where less than value. */
    public Tensor lt(float value) { return lt(scalar(value)); }
    /** 1 where less or equal, else 0. */
    public Tensor le(Tensor other) { return Pointwise.binary(BinaryOp.LE, this, other); }
    /** 1 where greater, else 0. */
    public Tensor gt(Tensor other) { return Pointwise.binary(BinaryOp.GT, this, other); }
    /** 1 where greater than value. */
    public Tensor gt(float value) { return gt(scalar(value)); }
    /** 1 where greater or equal, else 0. */
    public Tensor ge(Tensor other) { return Pointwise.binary(BinaryOp.GE, this, other); }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() { return Reductions.sum(this, Reductions.allAxes(this), false); }
    /** Sum over one axis, which is removed. */
    public Tensor sum(int axis) { return sum(new int[] {axis}, false); }
    /** Sum over one axis, kept with size 1 when keepDim. */
    public Tensor sum(int axis, boolean keepDim) { return sum(new int[] {axis}, keepDim); }
    /** Sum over several axes. */
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    /** Mean of all elements. */
    public Tensor mean() { return Reductions.mean(this, Reductions.allAxes(this), false); }
    /** Mean over one axis. */
    public Tensor mean(int axis) { return mean(new int[] {axis}, false); }
    /** Mean over one axis, kept when keepDim. */
    public Tensor mean(int axis, boolean keepDim) { return mean(new int[] {axis}, keepDim); }
    /** Mean over several axes. */
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    /** Largest element; ties share the gradient equally. */
    public Tensor max() { return Reductions.extreme(this, Reductions.allAxes(this), false, true); }
    /** Largest along one axis. */
    public Tensor max(int axis, boolean keepDim) { return max(new int[] {axis}, keepDim); }
    /** Largest over several axes. */
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.extreme(this, axes, keepDim, true); }
    /** Smallest element. */
    public Tensor min() { return Reductions.extreme(this, Reductions.allAxes(this), false, false); }
    /** Smallest along one axis. */
    public Tensor min(int axis, boolean keepDim) { return min(new int[] {axis}, keepDim); }
    /** Smallest over several axes. */
    public Tensor min(int[] axes, boolean keepDim) { return Reductions.extreme(this, axes, keepDim, false); }
    /** Index of the largest element of the flattened tensor (first on ties). */
    public Tensor argmax() { return Reductions.argExtreme(reshape(-1), 0, false, true); }
    /** Index of the largest element along an axis (first on ties). */
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.argExtreme(this, axis, keepDim, true); }
    /** Index of the smallest element of the flattened tensor. */
    public Tensor argmin() { return Reductions.argExtreme(reshape(-1), 0, false, false); }
    /** Index of the smallest element along an axis. */
    public Tensor argmin(int axis, boolean keepDim) { return Reductions.argExtreme(this, axis, keepDim, false); }
    /** Sample variance of all elements (correction 1, as in PyTorch). */
    public Tensor var() { return var(Reductions.allAxes(this), 1, false); }
    /** Variance over axes, dividing by N - correction (0: population, 1: sample). */
    public Tensor var(int[] axes, int correction, boolean keepDim) { return Reductions.var(this, axes, correction, keepDim); }
    /** Sample standard deviation of all elements. */
    public Tensor std() { return var().sqrt(); }
    /** Standard deviation over axes, dividing by N - correction. */
    public Tensor std(int[] axes, int correction, boolean keepDim) { return var(axes, correction, keepDim).sqrt(); }
    /** log(sum(exp(x))) over an axis, computed without overflow. */
    public Tensor logSumExp(int axis, boolean keepDim) { return logSumExp(new int[] {axis}, keepDim); }
    /** log(sum(exp(x))) over several axes. */
    public Tensor logSumExp(int[] axes, boolean keepDim) { return Reductions.logSumExp(this, axes, keepDim); }
    /** The Euclidean (L2) norm of all elements. */
    public Tensor norm() { return norm(2f, Reductions.allAxes(this), false); }
    /** The p-norm over axes: (sum |x|^p)^(1/p); p = +inf gives max |x|. */
    public Tensor norm(float p, int[] axes, boolean keepDim) { return Reductions.norm(this, p, axes, keepDim); }
    /** exp(x) / sum(exp(x)) along an axis, stable for large inputs. */
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis); }
    /** log(softmax(x)) along an axis, computed stably. */
    public Tensor logSoftmax(int axis) { return Reductions.logSoftmax(this, axis); }

    // ---------------------------------------------------------------- movement

    /** The same elements in a new shape; one size may be -1 (inferred). A view when possible. */
    public Tensor reshape(int... newShape) { return Movement.reshape(this, newShape, false); }
    /** Like reshape, but fails instead of copying when a view is impossible. */
    public Tensor view(int... newShape) { return Movement.reshape(this, newShape, true); }
    /** All dimensions into one. */
    public Tensor flatten() { return reshape(-1); }
    /** Dimensions startAxis..endAxis (inclusive) into one. */
    public Tensor flatten(int startAxis, int endAxis) { return Movement.flatten(this, startAxis, endAxis); }
    /** Reorders the dimensions (a view). */
    public Tensor permute(int... axes) { return Movement.permute(this, axes); }
    /** Swaps two dimensions (a view). */
    public Tensor transpose(int axis0, int axis1) { return Movement.transpose(this, axis0, axis1); }
    /** Removes every dimension of size 1. */
    public Tensor squeeze() { return Movement.squeeze(this, null); }
    /** Removes one dimension, which must have size 1. */
    public Tensor squeeze(int axis) { return Movement.squeeze(this, axis); }
    /** Inserts a dimension of size 1 at axis (from 0 to rank, or negative). */
    public Tensor unsqueeze(int axis) { return Movement.unsqueeze(this, axis); }
    /** Broadcasts size-1 dimensions to larger sizes without copying; -1 keeps a size. */
    public Tensor expand(int... sizes) { return Movement.expand(this, sizes); }
    /** Broadcasts to the given shape (NumPy's broadcast_to). */
    public Tensor broadcastTo(Shape target) { return Movement.broadcastTo(this, target); }
    /** Elements start, start+1, ... end-1 along axis (a view); negative bounds count from the end. */
    public Tensor slice(int axis, int start, int end) { return Movement.slice(this, axis, start, end, 1); }
    /** Elements start, start+step, ... below end along axis (a view); step ≥ 1. */
    public Tensor slice(int axis, int start, int end, int step) { return Movement.slice(this, axis, start, end, step); }
    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... tensors) { return Movement.concat(axis, tensors); }
    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) { return Movement.stack(axis, tensors); }
    /** Pieces of splitSize along axis (the last may be smaller); views. */
    public List<Tensor> split(int splitSize, int axis) { return Movement.split(this, splitSize, axis); }
    /** Pieces of the given sizes along axis; views. */
    public List<Tensor> split(int[] sizes, int axis) { return Movement.split(this, sizes, axis); }
    /** At most {@code chunks} nearly equal pieces along axis, as in PyTorch. */
    public List<Tensor> chunk(int chunks, int axis) { return Movement.chunk(this, chunks, axis); }
    /**
     * Pads the last dimensions, PyTorch's {@code F.pad} order: {@code (left, right)} for the
     * last dimension, then {@code (top, bottom)} for the one before, and so on.
     */
    public Tensor pad(int[] padding, PadMode mode, float value) { return Padding.pad(this, padding, mode, value); }
    /** Pads with zeros. */
    public Tensor pad(int... padding) { return pad(padding, PadMode.CONSTANT, 0f); }
    /** Reverses the order along the given axes. */
    public Tensor flip(int... axes) { return Movement.flip(this, axes); }
    /** Tiles the tensor: repeats[i] copies along dimension i (NumPy's tile, PyTorch's repeat). */
    public Tensor repeat(int... repeats) { return Movement.repeat(this, repeats); }
    /** This tensor when contiguous, else a contiguous copy (gradient passes through). */
    public Tensor contiguous() { return isContiguous() ? this : Movement.copy(this); }

    /** A contiguous copy outside the graph. */
    Tensor contiguousCopy() { return wrap(Layout.toArray(this), shape, dtype); }

    /** This tensor's values in contiguous layout, outside the graph (a copy only when needed). */
    Tensor contiguousData() { return isContiguous() ? detach() : contiguousCopy(); }

    /**
     * This tensor's values in float32 storage, outside the graph: itself, in its layout, for float32
     * storage; a widened contiguous copy of the viewed elements for halves (the one conversion of an op).
     */
    Tensor floatView() { return storage instanceof Storage.FloatStorage ? detach() : wrap(Layout.toArray(this), shape); }

    /** {@link #floatView()} made contiguous: no copy for contiguous float32. */
    Tensor floatData() { return storage instanceof Storage.FloatStorage ? contiguousData() : wrap(Layout.toArray(this), shape); }

    // ---------------------------------------------------------------- indexing

    /** out[i][j] = this[i][index[i][j]] for axis 1 (PyTorch's gather); index is integral. */
    public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }
    /** The slices at the given positions along axis, in that order. */
    public Tensor indexSelect(int axis, Tensor index) { return Indexing.indexSelect(this, axis, index); }
    /** The slices at the given positions along axis. */
    public Tensor indexSelect(int axis, int... index) { return Indexing.indexSelect(this, axis, Creation.indices(index)); }
    /** Integer labels in [0, numClasses) to one-hot rows: shape [..., numClasses]. */
    public Tensor oneHot(int numClasses) { return Indexing.oneHot(this, numClasses); }
    /** value where mask is nonzero, this elsewhere (mask broadcasts). */
    public Tensor maskedFill(Tensor mask, float value) { return Indexing.maskedFill(this, mask, value); }
    /** A copy of this with src added at the positions index names along axis (PyTorch's scatter_add). */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) { return Indexing.scatterAdd(this, axis, index, src); }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with NumPy semantics: vector·vector gives a scalar, a vector is a row
     * on the left and a column on the right, and leading (batch) dimensions broadcast.
     * {@code [..., m, k] @ [..., k, n] → [..., m, n]}.
     */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }
}
