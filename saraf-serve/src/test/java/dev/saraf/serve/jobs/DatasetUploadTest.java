package dev.saraf.serve.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading data sets over HTTP: CSV and image-folder zips accepted and trained on; zip slips, bombs and junk refused. */
class DatasetUploadTest {
    @TempDir
    Path home;

    /** Two separable classes of points, 200 rows. */
    private static byte[] csv() {
        StringBuilder s = new StringBuilder("x,y,label\n");
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            boolean a = i % 2 == 0;
            s.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", (a ? 1 : -1) + r.nextGaussian() * 0.3,
                    r.nextGaussian(), a ? "left" : "right"));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(int shade) throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.getRaster().setSample(x, y, 0, (shade + x * y) & 255);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] zip(String[] names, byte[][] contents) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                z.putNextEntry(new ZipEntry(names[i]));
                z.write(contents[i]);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aCsvUploadTrainsAJob() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            HttpResponse<String> r = h.upload("csv", csv());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode ds = JobsHarness.JSON.readTree(r.body());
            assertThat(ds.get("examples").asInt()).isEqualTo(200);
            assertThat(h.upload("csv", csv()).body()).as("the same upload is the same data set").contains(ds.get("id").asText());
            String id = h.json("POST", "/api/jobs", "{\"register_as\": \"points\", \"data\": \"" + ds.get("data").asText()
                    + "\", \"model\": \"mlp\", \"epochs\": 5, \"batch_size\": 32, \"lr\": 0.01}").get("id").asText();
            JsonNode j = h.awaitFinished(id, 60);
            assertThat(j.get("state").asText()).as(j.toString()).isEqualTo("succeeded");
            assertThat(j.get("metrics").get("val_accuracy").asDouble()).isGreaterThan(0.9);
            assertThat(h.json("GET", "/api/datasets", null).get("datasets")).hasSize(1);
        }
    }

    @Test
    void aZipOfAnImageFolderIsAccepted() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            String[] names = new String[12];
            byte[][] data = new byte[12][];
            for (int i = 0; i < 12; i++) {
                names[i] = "shapes/" + (i % 2 == 0 ? "dark" : "light") + "/" + i + ".png";
                data[i] = png(i % 2 == 0 ? 10 : 200);
            }
            HttpResponse<String> r = h.upload("zip", zip(names, data));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode ds = JobsHarness.JSON.readTree(r.body());
            assertThat(ds.get("examples").asInt()).isEqualTo(12);
            assertThat(ds.get("classes").toString()).isEqualTo("[\"dark\",\"light\"]");
        }
    }

    @Test
    void zipSlipsBombsAndJunkAreRefusedAndLeaveNothing() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            byte[] img = png(1);
            byte[] slip = zip(new String[] {"a/1.png", "../../evil.png"}, new byte[][] {img, img});
            byte[] absolute = zip(new String[] {"/tmp/evil.png"}, new byte[][] {img});
            byte[] bomb = zip(new String[] {"a/big.png"}, new byte[][] {new byte[9 << 20]}); // 9 MiB of zeros > the 8 MiB limit
            assertThat(bomb.length).isLessThan(1 << 20);
            for (byte[] bad : new byte[][] {slip, absolute, bomb, "not a zip".getBytes(StandardCharsets.UTF_8)}) {
                HttpResponse<String> r = h.upload("zip", bad);
                assertThat(r.statusCode()).as(r.body()).isIn(400, 413);
            }
            assertThat(h.upload("zip", slip).body()).contains("outside the data set");
            assertThat(h.upload("zip", bomb).body()).contains("larger than the limit");
            assertThat(h.upload("csv", "a,b,label\n1,oops,x\n".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
            assertThat(h.upload("csv", new byte[2 << 20]).statusCode()).as("over the 1 MiB upload limit").isEqualTo(413);
            assertThat(h.upload("tar", new byte[10]).statusCode()).isEqualTo(400);
            assertThat(Files.exists(home.getParent().resolve("evil.png"))).isFalse();
            try (var left = Files.list(home.resolve("datasets"))) {
                assertThat(left.toList()).as("no data set and no temporary folder left").isEmpty();
            }
        }
    }
}
