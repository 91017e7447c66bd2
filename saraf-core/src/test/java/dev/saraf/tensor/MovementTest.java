package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Movement beyond the op table: every permutation path against index arithmetic, and the error messages. */
class MovementTest {

    @Test
    void permuteMatchesIndexArithmeticOnRandomShapesAndOrders() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] sizes = {1, 2, 3, 5, 7, 33, 40};
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + rng.nextInt(5);
            int[] dims = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = sizes[rng.nextInt(sizes.length)];
                n *= dims[i];
            }
            if (n > 60_000) {
                continue;
            }
            int[] order = new int[rank];
            for (int i = 0; i < rank; i++) {
                order[i] = i;
            }
            for (int i = rank - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            Tensor x = TestTensors.random(rng, dims);
            Tensor y = x.permute(order);
            int[] out = y.dims();
            int[] o = new int[rank];
            int[] src = new int[rank];
            for (int f = 0; f < y.numel(); f++) {
                MovementCases.unflatten(f, out, o);
                for (int i = 0; i < rank; i++) {
                    src[order[i]] = o[i];
                }
                if (y.data()[f] != x.data()[TestTensors.flat(dims, src)]) {
                    throw new AssertionError("permute " + java.util.Arrays.toString(order) + " of " + x.shape() + " wrong at " + f);
                }
            }
        }
    }

    @Test
    void reshapeAndFlattenAreViewsSharingStorageAsInPyTorch() {
        Tensor x = Tensor.vector(1, 2, 3, 4);
        Tensor y = x.reshape(2, 2);
        Tensor z = y.flatten(0, 1);
        y.fill_(7f);
        assertThat(x.data()).containsExactly(7, 7, 7, 7);
        assertThat(z.data()).isSameAs(x.data());
        // permute moves elements, so it cannot be a view of contiguous storage: it copies
        Tensor p = y.permute(1, 0);
        p.fill_(0f);
        assertThat(x.data()).containsExactly(7, 7, 7, 7);
    }

    @Test
    void emptySlicesAndZeroSizedTensors() {
        Tensor x = Tensor.zeros(3, 4);
        assertThat(x.slice(1, 3, 1).dims()).containsExactly(3, 0);
        assertThat(x.slice(0, -100, 100).dims()).containsExactly(3, 4);
        assertThat(Tensor.cat(0, Tensor.zeros(0, 4), x).dims()).containsExactly(3, 4);
        assertThat(x.indexSelect(0).dims()).containsExactly(0, 4);
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.reshape(4, 2)).hasMessageContaining("reshape").hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> x.reshape(-1, -1)).hasMessageContaining("more than one -1");
        assertThatThrownBy(() -> x.reshape(4, -1)).hasMessageContaining("[2, 3]").hasMessageContaining("[4, -1]");
        assertThatThrownBy(() -> x.permute(0, 0)).hasMessageContaining("permute").hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> x.permute(0)).hasMessageContaining("permute").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.transpose(0, 2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.squeeze(1)).hasMessageContaining("squeeze").hasMessageContaining("size 3");
        assertThatThrownBy(() -> x.unsqueeze(4)).hasMessageContaining("unsqueeze").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.slice(0, 0, 2, 0)).hasMessageContaining("slice").hasMessageContaining("step 0");
        assertThatThrownBy(() -> x.select(1, 3)).hasMessageContaining("select").hasMessageContaining("index 3");
        assertThatThrownBy(() -> x.indexSelect(0, 0, 2)).hasMessageContaining("indexSelect").hasMessageContaining("index 2 at position 1");
        assertThatThrownBy(() -> x.indexSelect(0, -1)).hasMessageContaining("indexSelect");
        assertThatThrownBy(() -> x.expand(2, 4)).hasMessageContaining("expand").hasMessageContaining("[2, 3]")
                .hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> x.expand(3)).hasMessageContaining("fewer axes");
        assertThatThrownBy(() -> x.pad(new int[] {1}, 0f)).hasMessageContaining("pad").hasMessageContaining("pairs");
        assertThatThrownBy(() -> x.pad(new int[] {1, 1, 1, 1, 1, 1}, 0f)).hasMessageContaining("pad");
        assertThatThrownBy(() -> x.pad(new int[] {-2, -2}, 0f)).hasMessageContaining("below zero");
        assertThatThrownBy(() -> Tensor.cat(1, x, Tensor.zeros(3, 3))).hasMessageContaining("cat: tensor 1 has shape [3, 3]")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.cat(0, x, Tensor.zeros(2, 3, 1))).hasMessageContaining("tensor 1");
        assertThatThrownBy(() -> Tensor.cat(0)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Tensor.stack(0, x, x, Tensor.zeros(3, 2))).hasMessageContaining("stack: tensor 2 has shape [3, 2]");
        assertThatThrownBy(() -> Tensor.stack(3, x)).hasMessageContaining("stack").hasMessageContaining("axis 3");
    }

    @Test
    void gradientsOnlyForInputsThatNeedThem() {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        Tensor b = Tensor.vector(3);
        Tensor y = Tensor.cat(0, a, b);
        y.backward(Tensor.vector(5, 6, 7));
        assertThat(a.grad().data()).containsExactly(5, 6);
        assertThat(b.grad()).isNull();
    }
}
