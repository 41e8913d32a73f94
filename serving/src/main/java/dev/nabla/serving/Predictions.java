package dev.nabla.serving;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code POST /v1/models/NAME:predict}: an image file ({@code Content-Type: image/png}, ...) or a
 * text ({@code text/plain}) in the body, read by the model's {@link ServedModel.SampleReader};
 * the answer lists the most likely classes ({@code ?top=K}, default 3) with their names and
 * probabilities: {@code {"model_name": "fashion", "predictions": [{"class": 9, "name": "Ankle
 * boot", "probability": 0.93}, ...]}}. Scores that are not probabilities go through softmax.
 */
final class Predictions {

    private Predictions() {
    }

    static Endpoints.Answer answer(Batcher batcher, Exchange exchange, byte[] body, ServerOptions options) {
        ServedModel model = batcher.model();
        if (model.sampleReader() == null) {
            throw new ServingException(400, "model '" + model.name() + "' reads no image or text; send tensors to"
                    + " POST /v2/models/" + model.name() + "/infer");
        }
        int top = top(exchange.query());
        String contentType = exchange.header("Content-Type");
        Tensor sample;
        try {
            sample = model.sampleReader().read(body, contentType == null ? "" : contentType);
        } catch (IOException | IllegalArgumentException e) {
            throw new ServingException(400, "model '" + model.name() + "' could not read the body ("
                    + (contentType == null ? "no Content-Type" : contentType) + "): " + e.getMessage());
        }
        if (!Arrays.equals(sample.shape().toArray(), model.sampleShape())) {
            throw new ServingException(400, "the body reads as a sample of shape " + sample.shape() + "; model '"
                    + model.name() + "' takes " + Arrays.toString(model.sampleShape()));
        }
        float[] scores = Endpoints.await(batcher.submit(sample.toFloatArray(), 1), options.timeoutMillis());
        float[] probabilities = probabilities(scores);
        List<Map<String, Object>> predictions = new ArrayList<>();
        IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble(c -> -probabilities[c]))
                .limit(top)
                .forEach(c -> {
                    Map<String, Object> prediction = new LinkedHashMap<>();
                    prediction.put("class", c);
                    if (model.classNames() != null && c < model.classNames().size()) {
                        prediction.put("name", model.classNames().get(c));
                    }
                    prediction.put("probability", probabilities[c]);
                    predictions.add(prediction);
                });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model_name", model.name());
        answer.put("model_version", model.version());
        answer.put("predictions", predictions);
        return Endpoints.Answer.json(200, answer);
    }

    private static int top(String query) {
        if (query == null) {
            return 3;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("top=")) {
                String value = parameter.substring(4);
                if (!value.matches("[1-9]\\d{0,5}")) {
                    throw new ServingException(400, "top must be a whole number of at least 1, got '" + value + "'");
                }
                return Integer.parseInt(value);
            }
        }
        return 3;
    }

    /**
     * The scores as probabilities: kept when they already are (non-negative, summing to 1), one
     * sigmoid output as the pair [1 - p, p], anything else through softmax.
     */
    static float[] probabilities(float[] scores) {
        double sum = 0;
        boolean nonNegative = true;
        for (float s : scores) {
            sum += s;
            nonNegative &= s >= 0;
        }
        if (scores.length == 1 && scores[0] >= 0 && scores[0] <= 1) {
            return new float[] {1 - scores[0], scores[0]};
        }
        if (nonNegative && Math.abs(sum - 1) <= 1e-3) {
            return scores.clone();
        }
        return Tensor.of(scores).softmax(0).toFloatArray();
    }
}
