package dev.saraf.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The course's point: without a non-linearity a deep network draws a straight line, and XOR needs more. */
class PlaygroundSessionTest {
    @Test
    void xorNeedsANonLinearActivation() {
        PlaygroundSession linear = new PlaygroundSession(PointSet.XOR, 200, 0.0, List.of(8, 8), "linear", 0.1, 1);
        PlaygroundSession tanh = new PlaygroundSession(PointSet.XOR, 200, 0.0, List.of(8, 8), "tanh", 0.1, 1);
        linear.train(300);
        tanh.train(300);
        assertThat(linear.evaluate()[1]).as("linear accuracy").isLessThan(0.8);
        assertThat(tanh.evaluate()[1]).as("tanh accuracy").isGreaterThan(0.95);
    }

    @Test
    void sameSeedSameRun() {
        PlaygroundSession a = new PlaygroundSession(PointSet.SPIRAL, 100, 0.05, List.of(6), "relu", 0.05, 7);
        PlaygroundSession b = new PlaygroundSession(PointSet.SPIRAL, 100, 0.05, List.of(6), "relu", 0.05, 7);
        assertThat(a.train(20)).isEqualTo(b.train(20));
        assertThat(a.boundary()).containsExactly(b.boundary());
    }

    @Test
    void everyPointSetHasBothClassesInTheSquare() {
        for (PointSet set : PointSet.values()) {
            PointSet.Points p = set.generate(100, 0, 3);
            double ones = 0;
            for (float l : p.labels()) {
                ones += l;
            }
            assertThat(ones).as(set.label()).isEqualTo(50);
            for (float v : p.xy()) {
                assertThat(Math.abs(v)).as(set.label()).isLessThanOrEqualTo(1.2f);
            }
        }
    }
}
