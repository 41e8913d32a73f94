package dev.nabla.monitoring;

import java.util.List;
import java.util.Map;

/**
 * The hparams plugin's records ({@code HParamsPluginData}, version 0): a session's start
 * with its hyperparameters, its end with a status, and a study's experiment. Each travels
 * as the content of a summary value's plugin metadata under a fixed tag.
 */
final class HparamsRecords {

    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";

    private static final int STATUS_SUCCESS = 1;
    private static final int STATUS_FAILURE = 2;

    private HparamsRecords() {
    }

    static ProtobufOutput sessionStart(Map<String, ?> hyperparameters, double seconds) {
        ProtobufOutput start = new ProtobufOutput();
        hyperparameters.forEach((name, value) -> start.message(1, new ProtobufOutput().string(1, name)
                .message(2, structValue(value))));
        start.doubleValue(5, seconds);
        return new ProtobufOutput().varint(1, 0).message(3, start);
    }

    static ProtobufOutput sessionEnd(boolean success, double seconds) {
        ProtobufOutput end = new ProtobufOutput().varint(1, success ? STATUS_SUCCESS : STATUS_FAILURE)
                .doubleValue(2, seconds);
        return new ProtobufOutput().varint(1, 0).message(4, end);
    }

    /** {@code metrics} as {@code group/tag}: everything before the last slash is the group (the run's subdirectory). */
    static ProtobufOutput experiment(List<String> hyperparameters, List<String> metrics, double seconds) {
        ProtobufOutput experiment = new ProtobufOutput().doubleValue(3, seconds);
        for (String name : hyperparameters) {
            experiment.message(4, new ProtobufOutput().string(1, name));
        }
        for (String metric : metrics) {
            int slash = metric.lastIndexOf('/');
            ProtobufOutput metricName = new ProtobufOutput();
            if (slash > 0) {
                metricName.string(1, metric.substring(0, slash));
            }
            metricName.string(2, metric.substring(slash + 1));
            experiment.message(5, new ProtobufOutput().message(1, metricName));
        }
        return new ProtobufOutput().varint(1, 0).message(2, experiment);
    }

    /** A {@code google.protobuf.Value}: a number, a boolean, or a string. */
    private static ProtobufOutput structValue(Object value) {
        if (value instanceof Number number) {
            return new ProtobufOutput().doubleValue(2, number.doubleValue());
        }
        if (value instanceof Boolean flag) {
            return new ProtobufOutput().varint(4, flag ? 1 : 0);
        }
        return new ProtobufOutput().string(3, String.valueOf(value));
    }
}
