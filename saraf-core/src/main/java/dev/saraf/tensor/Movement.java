package dev.saraf.tensor;

/** Reshaping, reordering, slicing and joining; each op's backward beside its forward. */
public final class Movement {
    private Movement() {}

    public static Tensor reshape(Tensor x, int[] dims) { throw todo("reshape"); }
    public static Tensor flatten(Tensor x, int start, int end) { throw todo("flatten"); }
    public static Tensor transpose(Tensor x, int axis0, int axis1) { throw todo("transpose"); }
    public static Tensor permute(Tensor x, int[] order) { throw todo("permute"); }
    public static Tensor squeeze(Tensor x) { throw todo("squeeze"); }
    public static Tensor squeeze(Tensor x, int axis) { throw todo("squeeze"); }
    public static Tensor unsqueeze(Tensor x, int axis) { throw todo("unsqueeze"); }
    public static Tensor slice(Tensor x, int axis, int start, int end, int step) { throw todo("slice"); }
    public static Tensor select(Tensor x, int axis, int index) { throw todo("select"); }
    public static Tensor indexSelect(Tensor x, int axis, int[] indices) { throw todo("indexSelect"); }
    public static Tensor expand(Tensor x, int[] dims) { throw todo("expand"); }
    public static Tensor pad(Tensor x, int[] pads, float value) { throw todo("pad"); }
    public static Tensor cat(int axis, Tensor... tensors) { throw todo("cat"); }
    public static Tensor stack(int axis, Tensor... tensors) { throw todo("stack"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
