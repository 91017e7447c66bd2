package dev.saraf.tensor;

import static dev.saraf.tensor.TestTensors.random;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rows of the shared op table for the Movement ops (see {@link DifferentiableOpsTest}). */
final class MovementCases {
    private MovementCases() {}

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        // reshape family: the same row-major data under another shape
        c.add(same("reshape [2,3,5]->[5,-1]", new int[] {2, 3, 5}, new int[] {5, 6}, x -> x.reshape(5, -1)));
        c.add(same("reshape [1,7]->[7]", new int[] {1, 7}, new int[] {7}, x -> x.reshape(7)));
        c.add(same("reshape [6]->[1,2,1,3]", new int[] {6}, new int[] {1, 2, 1, 3}, x -> x.reshape(1, -1, 1, 3)));
        c.add(same("flatten [2,3,1,5] 1..2", new int[] {2, 3, 1, 5}, new int[] {2, 3, 5}, x -> x.flatten(1, 2)));
        c.add(same("flatten [3,2,5] 0..-1", new int[] {3, 2, 5}, new int[] {30}, x -> x.flatten(0, -1)));
        c.add(same("squeeze [1,3,1,5]", new int[] {1, 3, 1, 5}, new int[] {3, 5}, Tensor::squeeze));
        c.add(same("squeeze [3,1,5] axis -2", new int[] {3, 1, 5}, new int[] {3, 5}, x -> x.squeeze(-2)));
        c.add(same("unsqueeze [3,5] axis 1", new int[] {3, 5}, new int[] {3, 1, 5}, x -> x.unsqueeze(1)));
        c.add(same("unsqueeze [7] axis -1", new int[] {7}, new int[] {7, 1}, x -> x.unsqueeze(-1)));

        // reordering
        c.add(permuted("transpose [3,5] 0,1", new int[] {3, 5}, new int[] {1, 0}, x -> x.transpose(0, 1)));
        c.add(permuted("transpose [37,41] (blocked)", new int[] {37, 41}, new int[] {1, 0}, Tensor::t));
        c.add(permuted("transpose [2,3,4] 0,2", new int[] {2, 3, 4}, new int[] {2, 1, 0}, x -> x.transpose(0, 2)));
        c.add(permuted("transpose [1,7,3] -1,-2", new int[] {1, 7, 3}, new int[] {0, 2, 1}, x -> x.transpose(-1, -2)));
        c.add(permuted("permute [2,3,4,5] 2,0,3,1", new int[] {2, 3, 4, 5}, new int[] {2, 0, 3, 1}, x -> x.permute(2, 0, 3, 1)));
        c.add(permuted("permute [3,1,4] 2,1,0", new int[] {3, 1, 4}, new int[] {2, 1, 0}, x -> x.permute(2, 1, 0)));
        c.add(permuted("permute [2,3,5] 0,2,1", new int[] {2, 3, 5}, new int[] {0, 2, 1}, x -> x.permute(0, -1, 1)));
        c.add(permuted("permute [2,3,5,2] 1,0,2,3 (rows)", new int[] {2, 3, 5, 2}, new int[] {1, 0, 2, 3}, x -> x.permute(1, 0, 2, 3)));

        // slicing and indexing
        c.add(mapped("slice [7,5] axis 0 1:6:2", new int[] {7, 5}, new int[] {3, 5}, x -> x.slice(0, 1, 6, 2),
                o -> new int[] {1 + 2 * o[0], o[1]}));
        c.add(mapped("slice [5,6] axis 1 -4:-1", new int[] {5, 6}, new int[] {5, 3}, x -> x.slice(1, -4, -1),
                o -> new int[] {o[0], 2 + o[1]}));
        c.add(mapped("slice [2,11,3] axis 1 2:100:3", new int[] {2, 11, 3}, new int[] {2, 3, 3}, x -> x.slice(1, 2, 100, 3),
                o -> new int[] {o[0], 2 + 3 * o[1], o[2]}));
        c.add(mapped("select [3,4,5] axis 1 index -1", new int[] {3, 4, 5}, new int[] {3, 5}, x -> x.select(1, -1),
                o -> new int[] {o[0], 3, o[1]}));
        c.add(mapped("select [4,1] axis 0 index 2", new int[] {4, 1}, new int[] {1}, x -> x.select(0, 2),
                o -> new int[] {2, o[0]}));
        int[] picks = {4, 0, 4, 2};
        c.add(mapped("indexSelect [5,3] axis 0 4,0,4,2", new int[] {5, 3}, new int[] {4, 3}, x -> x.indexSelect(0, picks),
                o -> new int[] {picks[o[0]], o[1]}));
        c.add(mapped("indexSelect [2,3,4] axis -1 3,3", new int[] {2, 3, 4}, new int[] {2, 3, 2}, x -> x.indexSelect(-1, 3, 3),
                o -> new int[] {o[0], o[1], 3}));

        // broadcasting and padding
        c.add(mapped("expand [3,1]->[2,3,4]", new int[] {3, 1}, new int[] {2, 3, 4}, x -> x.expand(2, 3, 4),
                o -> new int[] {o[1], 0}));
        c.add(mapped("expand [1]->[5]", new int[] {1}, new int[] {5}, x -> x.expand(5), o -> new int[] {0}));
        c.add(mapped("expand [2,1,3]->[-1,4,3]", new int[] {2, 1, 3}, new int[] {2, 4, 3}, x -> x.expand(-1, 4, 3),
                o -> new int[] {o[0], 0, o[2]}));
        c.add(mapped("expand [1,5]->[3,1,7,5]", new int[] {1, 5}, new int[] {3, 1, 7, 5}, x -> x.expand(3, 1, 7, 5),
                o -> new int[] {0, o[3]}));
        c.add(padded("pad [2,3,4] (1,2) value 0.5", new int[] {2, 3, 4}, new int[] {1, 2}, 0.5f));
        c.add(padded("pad [2,3,5] (1,0,2,1)", new int[] {2, 3, 5}, new int[] {1, 0, 2, 1}, 0f));
        c.add(padded("pad [3,4,2] (-1,2,0,1,1,1) crops", new int[] {3, 4, 2}, new int[] {-1, 2, 0, 1, 1, 1}, -1f));

        // joining
        c.add(catCase("cat axis 1 [2,3],[2,1],[2,4]", 1, new int[][] {{2, 3}, {2, 1}, {2, 4}}));
        c.add(catCase("cat axis 0 [1,3],[4,3]", 0, new int[][] {{1, 3}, {4, 3}}));
        c.add(catCase("cat axis -1 [2,3,2],[2,3,5]", -1, new int[][] {{2, 3, 2}, {2, 3, 5}}));
        c.add(stackCase("stack axis 0 3x[2,3]", 0, 3, new int[] {2, 3}));
        c.add(stackCase("stack axis 1 2x[3,5]", 1, 2, new int[] {3, 5}));
        c.add(stackCase("stack axis -1 4x[2,1]", -1, 4, new int[] {2, 1}));
        return c;
    }

    /** The output holds the input's elements in the same row-major order. */
    private static OpCase same(String name, int[] in, int[] out, Function<Tensor, Tensor> op) {
        return OpCase.of(name, rng -> new Tensor[] {random(rng, in)}, t -> op.apply(t[0]),
                t -> Tensor.wrap(t[0].data().clone(), out));
    }

    /** Output element at index o is input element at o mapped back through the permutation. */
    private static OpCase permuted(String name, int[] in, int[] order, Function<Tensor, Tensor> op) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[order[i]];
        }
        return mapped(name, in, out, op, o -> {
            int[] src = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                src[order[i]] = o[i];
            }
            return src;
        });
    }

    /** Output element at multi-index o is input element {@code toSrc(o)}. */
    private static OpCase mapped(String name, int[] in, int[] out, Function<Tensor, Tensor> op, Function<int[], int[]> toSrc) {
        return OpCase.of(name, rng -> new Tensor[] {random(rng, in)}, t -> op.apply(t[0]), t -> {
            float[] x = t[0].data();
            float[] y = new float[Shape.of(out).numel()];
            int[] o = new int[out.length];
            for (int f = 0; f < y.length; f++) {
                unflatten(f, out, o);
                y[f] = x[TestTensors.flat(in, toSrc.apply(o))];
            }
            return Tensor.wrap(y, out);
        });
    }

    private static OpCase padded(String name, int[] in, int[] pads, float value) {
        int[] out = in.clone();
        int[] before = new int[in.length];
        for (int i = 0; i < pads.length / 2; i++) {
            int a = in.length - 1 - i;
            before[a] = pads[2 * i];
            out[a] += pads[2 * i] + pads[2 * i + 1];
        }
        return OpCase.of(name, rng -> new Tensor[] {random(rng, in)}, t -> t[0].pad(pads, value), t -> {
            float[] x = t[0].data();
            float[] y = new float[Shape.of(out).numel()];
            int[] o = new int[out.length];
            int[] src = new int[in.length];
            for (int f = 0; f < y.length; f++) {
                unflatten(f, out, o);
                boolean inside = true;
                for (int i = 0; i < in.length; i++) {
                    src[i] = o[i] - before[i];
                    inside &= src[i] >= 0 && src[i] < in[i];
                }
                y[f] = inside ? x[TestTensors.flat(in, src)] : value;
            }
            return Tensor.wrap(y, out);
        });
    }

    private static OpCase catCase(String name, int axis, int[][] shapes) {
        int rank = shapes[0].length;
        int a = axis < 0 ? axis + rank : axis;
        int[] out = shapes[0].clone();
        out[a] = 0;
        for (int[] s : shapes) {
            out[a] += s[a];
        }
        return OpCase.of(name, rng -> {
            Tensor[] ts = new Tensor[shapes.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = random(rng, shapes[i]);
            }
            return ts;
        }, t -> Tensor.cat(axis, t), t -> {
            float[] y = new float[Shape.of(out).numel()];
            int[] o = new int[rank];
            for (int f = 0; f < y.length; f++) {
                unflatten(f, out, o);
                int along = o[a];
                int which = 0;
                while (along >= shapes[which][a]) {
                    along -= shapes[which][a];
                    which++;
                }
                int[] src = o.clone();
                src[a] = along;
                y[f] = t[which].data()[TestTensors.flat(shapes[which], src)];
            }
            return Tensor.wrap(y, out);
        });
    }

    private static OpCase stackCase(String name, int axis, int count, int[] shape) {
        int rank = shape.length + 1;
        int a = axis < 0 ? axis + rank : axis;
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = i == a ? count : shape[j++];
        }
        return OpCase.of(name, rng -> {
            Tensor[] ts = new Tensor[count];
            for (int i = 0; i < count; i++) {
                ts[i] = random(rng, shape);
            }
            return ts;
        }, t -> Tensor.stack(axis, t), t -> {
            float[] y = new float[Shape.of(out).numel()];
            int[] o = new int[rank];
            int[] src = new int[shape.length];
            for (int f = 0; f < y.length; f++) {
                unflatten(f, out, o);
                for (int i = 0, j = 0; i < rank; i++) {
                    if (i != a) {
                        src[j++] = o[i];
                    }
                }
                y[f] = t[o[a]].data()[TestTensors.flat(shape, src)];
            }
            return Tensor.wrap(y, out);
        });
    }

    /** Row-major multi-index of flat position f. */
    static void unflatten(int f, int[] dims, int[] index) {
        for (int i = dims.length - 1; i >= 0; i--) {
            index[i] = f % dims[i];
            f /= dims[i];
        }
    }
}
