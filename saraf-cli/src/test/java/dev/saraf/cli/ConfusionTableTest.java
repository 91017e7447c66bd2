package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionTableTest {

    @Test
    void columnsAlignWithLongNamesAndLargeCounts() {
        String t = ConfusionTable.format(new long[][] {{12345, 2, 0}, {0, 7, 1}, {3, 0, 9}},
                List.of("T-shirt/top", "Bag", "Ankle boot"));
        List<String> lines = t.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(lines.getFirst().length()));
        assertThat(lines.getFirst()).isEqualTo(" true\\pred  T-shirt/t~         Bag  Ankle boot");
        assertThat(lines.get(1)).isEqualTo("T-shirt/t~       12345           2           0");
    }
}
