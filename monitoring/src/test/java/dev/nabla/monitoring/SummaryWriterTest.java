package dev.nabla.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Value;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.HistogramProto;
import org.tensorflow.framework.Summary;
import org.tensorflow.util.Event;
import tensorboard.PluginData.TextPluginData;
import tensorboard.hparams.PluginData.HParamsPluginData;

/** Every kind of record, decoded with protobuf-java and TensorBoard's message definitions (src/test/proto). */
class SummaryWriterTest {

    @TempDir
    Path directory;

    @Test
    void theFirstEventNamesTheFileVersionAndTheFileNameIsOneTensorBoardLooksFor() throws Exception {
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            assertTrue(writer.file().getFileName().toString().startsWith("events.out.tfevents."));
        }
        Event first = EventFiles.events(directory).getFirst();
        assertEquals("brain.Event:2", first.getFileVersion());
        assertEquals(System.currentTimeMillis() / 1000.0, first.getWallTime(), 60);
    }

    @Test
    void scalarsKeepTheirTagsStepsAndValues() throws Exception {
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.scalar("epoch_loss", 0.75, 0);
            writer.scalar("epoch_loss", 0.5, 1);
            writer.scalar("batch_learning_rate", 1e-3, 12_345_678_901L);
        }
        List<EventFiles.Tagged> losses = EventFiles.values(directory, "epoch_loss");
        assertEquals(List.of(0L, 1L), losses.stream().map(EventFiles.Tagged::step).toList());
        assertEquals(0.75f, losses.get(0).value().getSimpleValue());
        assertEquals(0.5f, losses.get(1).value().getSimpleValue());
        EventFiles.Tagged rate = EventFiles.values(directory, "batch_learning_rate").getFirst();
        assertEquals(12_345_678_901L, rate.step());
        assertEquals(1e-3f, rate.value().getSimpleValue());
    }

    @Test
    void histogramsCountEveryFiniteValueInBucketsUpToTheirRightEdges() throws Exception {
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.histogram("dense.weight", new float[] {-1, 0, 0.5f, 2, Float.NaN}, 3);
        }
        EventFiles.Tagged tagged = EventFiles.values(directory, "dense.weight").getFirst();
        assertEquals(3, tagged.step());
        HistogramProto histogram = tagged.value().getHisto();
        assertEquals(-1, histogram.getMin());
        assertEquals(2, histogram.getMax());
        assertEquals(4, histogram.getNum());
        assertEquals(1.5, histogram.getSum(), 1e-12);
        assertEquals(1 + 0.25 + 4, histogram.getSumSquares(), 1e-12);
        assertEquals(Histogram.BUCKETS, histogram.getBucketCount());
        assertEquals(2, histogram.getBucketLimit(Histogram.BUCKETS - 1));
        assertEquals(4, histogram.getBucketList().stream().mapToDouble(Double::doubleValue).sum());
        assertEquals(1, histogram.getBucket(0));                 // -1 in [-1, -0.9)
        assertEquals(1, histogram.getBucket(10));                // 0 in [0, 0.1)
        assertEquals(1, histogram.getBucket(15));                // 0.5 in [0.5, 0.6)
        assertEquals(1, histogram.getBucket(Histogram.BUCKETS - 1));
    }

    @Test
    void imagesArePngsWithTheirSize() throws Exception {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(4, 2, 0x123456);
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.image("samples", image, 7);
        }
        Summary.Image stored = EventFiles.values(directory, "samples").getFirst().value().getImage();
        assertEquals(3, stored.getHeight());
        assertEquals(5, stored.getWidth());
        assertEquals(3, stored.getColorspace());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored.getEncodedImageString().toByteArray()));
        assertEquals(0x123456, decoded.getRGB(4, 2) & 0xffffff);
    }

    @Test
    void textIsAStringTensorForTheTextPlugin() throws Exception {
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.text("config", "learning rate **0.01**", 0);
        }
        Summary.Value value = EventFiles.values(directory, "config").getFirst().value();
        assertEquals("text", value.getMetadata().getPluginData().getPluginName());
        assertEquals(0, TextPluginData.parseFrom(value.getMetadata().getPluginData().getContent()).getVersion());
        assertEquals(DataType.DT_STRING, value.getTensor().getDtype());
        assertEquals("learning rate **0.01**", value.getTensor().getStringVal(0).toStringUtf8());
    }

    @Test
    void hparamsRecordsCarryTheSessionsHyperparametersStatusAndTheExperimentsMetrics() throws Exception {
        try (SummaryWriter writer = new SummaryWriter(directory)) {
            writer.hparamsSessionStart(Map.of("learning_rate", 0.01, "optimizer", "adam", "augment", true));
            writer.hparamsSessionEnd(true);
            writer.hparamsExperiment(List.of("learning_rate"), List.of("validation/epoch_accuracy"));
        }
        HParamsPluginData start = hparams("_hparams_/session_start_info");
        Map<String, Value> hyperparameters = start.getSessionStartInfo().getHparamsMap();
        assertEquals(0.01, hyperparameters.get("learning_rate").getNumberValue());
        assertEquals("adam", hyperparameters.get("optimizer").getStringValue());
        assertTrue(hyperparameters.get("augment").getBoolValue());
        assertEquals(tensorboard.hparams.Api.Status.STATUS_SUCCESS,
                hparams("_hparams_/session_end_info").getSessionEndInfo().getStatus());
        tensorboard.hparams.Api.Experiment experiment = hparams("_hparams_/experiment").getExperiment();
        assertEquals("learning_rate", experiment.getHparamInfos(0).getName());
        assertEquals("validation", experiment.getMetricInfos(0).getName().getGroup());
        assertEquals("epoch_accuracy", experiment.getMetricInfos(0).getName().getTag());
    }

    @Test
    void theMaskedCrcIsTensorFlows() {
        // tensorboard.compat.tensorflow_stub.pywrap_tensorflow.masked_crc32c(b"a") and (b"123456789").
        assertEquals(0x28e46e78, TfRecordWriter.maskedCrc(new byte[] {'a'}));
        assertEquals(0xc78ab0e5, TfRecordWriter.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    private HParamsPluginData hparams(String tag) throws Exception {
        Summary.Value value = EventFiles.values(directory, tag).getFirst().value();
        assertEquals("hparams", value.getMetadata().getPluginData().getPluginName());
        HParamsPluginData data = HParamsPluginData.parseFrom(value.getMetadata().getPluginData().getContent());
        assertEquals(0, data.getVersion());
        return data;
    }
}
