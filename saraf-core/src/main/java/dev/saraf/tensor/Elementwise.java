package dev.saraf.tensor;

/** Elementwise arithmetic with broadcasting, and comparisons; each op's backward beside its forward. */
public final class Elementwise {
    private Elementwise() {}

    /** Comparison kinds for {@link #compare}. */
    public enum Comparison { EQ, NE, LT, LE, GT, GE }

    public static Tensor add(Tensor a, Tensor b) { throw todo("add"); }
    public static Tensor add(Tensor a, float b) { throw todo("add"); }
    public static Tensor sub(Tensor a, Tensor b) { throw todo("sub"); }
    public static Tensor mul(Tensor a, Tensor b) { throw todo("mul"); }
    public static Tensor mul(Tensor a, float b) { throw todo("mul"); }
    public static Tensor div(Tensor a, Tensor b) { throw todo("div"); }
    public static Tensor neg(Tensor a) { throw todo("neg"); }
    public static Tensor pow(Tensor a, float e) { throw todo("pow"); }
    public static Tensor pow(Tensor a, Tensor e) { throw todo("pow"); }
    public static Tensor exp(Tensor a) { throw todo("exp"); }
    public static Tensor log(Tensor a) { throw todo("log"); }
    public static Tensor sqrt(Tensor a) { throw todo("sqrt"); }
    public static Tensor abs(Tensor a) { throw todo("abs"); }
    public static Tensor clamp(Tensor a, float min, float max) { throw todo("clamp"); }
    public static Tensor maximum(Tensor a, Tensor b) { throw todo("maximum"); }
    public static Tensor minimum(Tensor a, Tensor b) { throw todo("minimum"); }
    public static Tensor compare(Tensor a, Tensor b, Comparison c) { throw todo("compare"); }
    public static Tensor where(Tensor condition, Tensor a, Tensor b) { throw todo("where"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
