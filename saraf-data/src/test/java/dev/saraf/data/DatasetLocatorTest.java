package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    @TempDir
    Path tmp;

    private static void fill(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String f : DatasetLocator.IDX_FILES) {
            Files.write(dir.resolve(f + ".gz"), new byte[0]);
        }
    }

    @Test
    void searchesSarafDataThenUserCacheThenSystem() throws Exception {
        Path env = tmp.resolve("env");
        Path home = tmp.resolve("home");
        Path system = tmp.resolve("system");
        DatasetLocator locator = new DatasetLocator(env, home, system);
        assertThat(locator.find("fashion-mnist", null)).isEmpty();

        fill(system.resolve("fashion-mnist"));
        assertThat(locator.find("fashion-mnist", null)).get()
                .isEqualTo(new DatasetLocator.Location("fashion-mnist", system.resolve("fashion-mnist"), "system package"));
        fill(home.resolve("fashion-mnist"));
        assertThat(locator.find("fashion-mnist", null).orElseThrow().source()).isEqualTo("user cache");
        fill(env.resolve("fashion-mnist"));
        assertThat(locator.find("fashion-mnist", null).orElseThrow().dir()).isEqualTo(env.resolve("fashion-mnist"));
        assertThat(locator.find("fashion-mnist", null).orElseThrow().source()).isEqualTo("$SARAF_DATA");
        assertThat(locator.find("mnist", null)).isEmpty();
    }

    @Test
    void anIncompleteDirectoryIsSkipped() throws Exception {
        Path home = tmp.resolve("home");
        Path system = tmp.resolve("system");
        fill(system.resolve("mnist"));
        Files.createDirectories(home.resolve("mnist"));
        Files.write(home.resolve("mnist/train-images-idx3-ubyte"), new byte[0]);
        DatasetLocator locator = new DatasetLocator(null, home, system);
        assertThat(locator.find("mnist", null).orElseThrow().source()).isEqualTo("system package");
    }

    @Test
    void anExplicitDirectoryIsTheOnlyPlaceLookedAt() throws Exception {
        Path home = tmp.resolve("home");
        fill(home.resolve("mnist"));
        DatasetLocator locator = new DatasetLocator(null, home, tmp.resolve("system"));
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.write(mine.resolve("train-images-idx3-ubyte"), new byte[0]);
        assertThatThrownBy(() -> locator.find("mnist", mine)).isInstanceOf(DataException.class)
                .hasMessage(mine + ": no mnist files here; missing train-labels-idx1-ubyte[.gz], "
                        + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]");
        fill(mine);
        assertThat(locator.find("mnist", mine).orElseThrow().source()).isEqualTo("explicit directory");
    }

    @Test
    void downloadsGoToSarafDataWhenSetElseTheUserCache() {
        Path home = tmp.resolve("home");
        assertThat(new DatasetLocator(null, home, tmp).cacheDir("mnist")).isEqualTo(home.resolve("mnist"));
        assertThat(new DatasetLocator(tmp.resolve("env"), home, tmp).cacheDir("mnist"))
                .isEqualTo(tmp.resolve("env/mnist"));
    }

    @Test
    void describeSaysWhereEachDatasetIsOrHowToGetIt() throws Exception {
        Path home = tmp.resolve("home");
        DatasetLocator locator = new DatasetLocator(null, home, tmp.resolve("system"));
        String text = Datasets.describe(locator);
        assertThat(text).contains("fashion-mnist: not found; apt-get install dataset-fashion-mnist, or saraf downloads it into "
                + home.resolve("fashion-mnist") + " when online");
        assertThat(text).contains("mnist: full set not found; using the 10,000 bundled digits");
        fill(tmp.resolve("system/fashion-mnist"));
        assertThat(Datasets.entries(locator)).contains(new Datasets.Entry("fashion-mnist", true,
                tmp.resolve("system/fashion-mnist") + " (system package)"));
    }
}
