package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void classificationWithStringLabelsAndQuotedFields() throws Exception {
        Path p = write("flowers.csv", """
                length,"species, common name",width\r
                1.0,"setosa",2\r
                2.0,"vir""ginica",4\r
                3.0,versicolor,6\r
                4.0,setosa,8\r
                """);
        Splits s = CsvDataset.load(p, "species, common name", Task.CLASSIFICATION, 0.0, 1L);
        Dataset d = s.train();
        assertThat(d.size()).isEqualTo(4);
        assertThat(s.test().size()).isZero();
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "vir\"ginica");
        assertThat(d.inputShape()).isEqualTo(Shape.of(2));
        assertThat(d.targetShape()).isEqualTo(Shape.scalar());
        assertThat(d.name()).isEqualTo("csv:flowers.csv");
        float[] t = new float[4];
        for (int i = 0; i < 4; i++) {
            d.copyTarget(i, t, i);
        }
        assertThat(t).containsExactly(0f, 2f, 1f, 0f);
        // length 1..4: mean 2.5, population std sqrt(1.25)
        float[] x = new float[2];
        d.copyInput(0, x, 0);
        assertThat(x[0]).isCloseTo((float) ((1 - 2.5) / Math.sqrt(1.25)), within(1e-6f));
        assertThat(x[1]).isCloseTo((float) ((2 - 5) / Math.sqrt(5)), within(1e-6f));
        Preprocessing pre = s.preprocessing();
        assertThat(pre.kind()).isEqualTo(Preprocessing.Kind.CSV);
        assertThat(pre.featureNames()).containsExactly("length", "width");
        assertThat(pre.classNames()).isEqualTo(d.classNames());
        assertThat(pre.applyToCsvRow(Map.of("length", "1.0", "width", " 2 ", "species, common name", "?")))
                .containsExactly(x);
    }

    @Test
    void numericClassNamesSortAsNumbers() {
        assertThat(CsvDataset.sortedClasses(new String[] {"10", "2", "1", "2"})).containsExactly("1", "2", "10");
        assertThat(CsvDataset.sortedClasses(new String[] {"b", "10", "a"})).containsExactly("10", "a", "b");
    }

    @Test
    void regressionTargetsHaveShapeOne() throws Exception {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i).append(',').append(3 * i + 1).append('\n');
        }
        Splits s = CsvDataset.load(write("line.csv", sb.toString()), "y", Task.REGRESSION, 0.3, 7L);
        assertThat(s.train().size()).isEqualTo(7);
        assertThat(s.test().size()).isEqualTo(3);
        assertThat(s.train().targetShape()).isEqualTo(Shape.of(1));
        assertThat(s.train().classNames()).isEmpty();
        assertThat(s.preprocessing().task()).isEqualTo(Task.REGRESSION);
        float[] mean = s.preprocessing().mean();
        float[] std = s.preprocessing().std();
        for (Dataset d : List.of(s.train(), s.test())) {
            float[] x = new float[1];
            float[] y = new float[1];
            for (int i = 0; i < d.size(); i++) {
                d.copyInput(i, x, 0);
                d.copyTarget(i, y, 0);
                double raw = x[0] * std[0] + mean[0];
                assertThat(y[0]).isCloseTo((float) (3 * raw + 1), within(1e-4f));
            }
        }
    }

    @Test
    void standardisationUsesOnlyTrainingRows() throws Exception {
        StringBuilder sb = new StringBuilder("f,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i * i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Splits s = CsvDataset.load(write("sq.csv", sb.toString()), "label", Task.CLASSIFICATION, 0.25, 3L);
        Dataset train = s.train();
        assertThat(train.size()).isEqualTo(15);
        float[] x = new float[train.size()];
        for (int i = 0; i < train.size(); i++) {
            train.copyInput(i, x, i);
        }
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v;
            sq += v * v;
        }
        assertThat(sum / x.length).isCloseTo(0, within(1e-5));
        assertThat(sq / x.length).isCloseTo(1, within(1e-5));
        // the mean of all 20 rows differs from the training mean, so the validation rows are not centred
        double allMean = 0;
        for (int i = 0; i < 20; i++) {
            allMean += i * i / 20.0;
        }
        assertThat((double) s.preprocessing().mean()[0]).isNotCloseTo(allMean, within(1e-3));
    }

    @Test
    void theSplitIsAFunctionOfTheSeed() throws Exception {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(i).append('\n');
        }
        Path p = write("s.csv", sb.toString());
        float[] first = targets(CsvDataset.load(p, "b", Task.REGRESSION, 0.2, 11L).test());
        assertThat(targets(CsvDataset.load(p, "b", Task.REGRESSION, 0.2, 11L).test())).containsExactly(first);
        assertThat(targets(CsvDataset.load(p, "b", Task.REGRESSION, 0.2, 12L).test())).isNotEqualTo(first);
    }

    private static float[] targets(Dataset d) {
        float[] t = new float[d.size()];
        for (int i = 0; i < d.size(); i++) {
            d.copyTarget(i, t, i);
        }
        return t;
    }

    @Test
    void badInputIsNamed() throws Exception {
        Path p = write("houses.csv", "area,rooms,price\n50,2,100\n60,x,120\n");
        assertThatThrownBy(() -> CsvDataset.load(p, "cost", Task.REGRESSION, 0, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("houses.csv: no column \"cost\"; columns are: area, rooms, price");
        assertThatThrownBy(() -> CsvDataset.load(p, "price", Task.REGRESSION, 0, 1))
                .hasMessage("houses.csv: line 3, column \"rooms\": \"x\" is not a number");
        Path ragged = write("ragged.csv", "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> CsvDataset.load(ragged, "b", Task.REGRESSION, 0, 1))
                .hasMessage("ragged.csv: line 3: 1 fields, but the header has 2");
        Path empty = write("empty.csv", "a,b\n1,\n");
        assertThatThrownBy(() -> CsvDataset.load(empty, "a", Task.REGRESSION, 0, 1))
                .hasMessage("empty.csv: line 2, column \"b\": empty value; missing values are not supported");
        Path open = write("open.csv", "a,b\n1,\"2\n3,4\n");
        assertThatThrownBy(() -> CsvDataset.load(open, "a", Task.REGRESSION, 0, 1))
                .hasMessage("open.csv: line 2: quoted field is never closed");
        Path regressionText = write("r.csv", "a,b\n1,cheap\n");
        assertThatThrownBy(() -> CsvDataset.load(regressionText, "b", Task.REGRESSION, 0, 1))
                .hasMessage("r.csv: line 2, column \"b\": \"cheap\" is not a number");
        assertThatThrownBy(() -> CsvDataset.load(tmp.resolve("none.csv"), "b", Task.REGRESSION, 0, 1))
                .hasMessage(tmp.resolve("none.csv") + ": no such file");
        Path good = write("good.csv", "a,b\n1,2\n3,4\n");
        assertThatThrownBy(() -> CsvDataset.load(good, "b", Task.REGRESSION, 1.0, 1))
                .hasMessageContaining("validation fraction must be in [0, 1)");
    }

    @Test
    void quotedFieldsMayHoldLineBreaks() {
        var rows = CsvReader.parse("q.csv", "\uFEFFa,b\n\"x\ny\",\"\"\n\n3,4");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).fields()).containsExactly("x\ny", "");
        assertThat(rows.get(2).line()).isEqualTo(5);
        assertThat(rows.get(2).fields()).containsExactly("3", "4");
    }
}
