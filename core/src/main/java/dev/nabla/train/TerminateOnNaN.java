package dev.nabla.train;

import dev.nabla.nn.Parameter;
import java.util.Map;

/**
 * Stops training at the first non-finite loss (Keras's {@code TerminateOnNaN}) and says
 * which parameter went non-finite first, in state-dict order, to point at the layer to look at.
 */
public final class TerminateOnNaN implements Callback {

    private Model model;
    private String report;

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        report = null;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss) && report == null) {
            report = "batch " + batch + ": loss is " + loss + "; " + firstNonFinite();
            System.err.println("TerminateOnNaN: " + report);
            model.stopTraining();
        }
    }

    private String firstNonFinite() {
        for (Map.Entry<String, Parameter> e : model.network().namedParameters().entrySet()) {
            if (!allFinite(e.getValue().value().toFloatArray())) {
                return "first non-finite weight: " + e.getKey();
            }
            if (e.getValue().grad() != null && !allFinite(e.getValue().grad().toFloatArray())) {
                return "first non-finite gradient: " + e.getKey();
            }
        }
        return "every weight and gradient is finite: the loss itself overflowed (check the inputs and targets)";
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** What stopped training, or null if nothing did. */
    public String report() {
        return report;
    }
}
