package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.text;
import static dev.nabla.metrics.MetricFixtures.value;
import static dev.nabla.metrics.MetricFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    @Test
    void printsTheSameTextAsScikitLearn() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            var report = new ClassificationReport();
            MetricFixtures.feedInPieces(report, set.predictions(), set.labels(), null);
            assertEquals(text(set.name() + "/report"), report.toString(), set.name());
            var fourDigits = new ClassificationReport().digits(4);
            MetricFixtures.feedInPieces(fourDigits, set.predictions(), set.labels(), null);
            assertEquals(text(set.name() + "/report_digits4"), fourDigits.toString(), set.name() + " 4 digits");
        }
    }

    @Test
    void itsNumbersMatchScikitLearnWithAndWithoutWeights() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            for (String suffix : new String[] {"", "_weighted_samples"}) {
                var report = new ClassificationReport();
                MetricFixtures.feedInPieces(report, set.predictions(), set.labels(),
                        suffix.isEmpty() ? null : set.weights());
                String name = set.name() + "/";
                List<ClassificationReport.Row> rows = report.rows();
                double[] precision = values(name + "precision_none" + suffix);
                double[] support = values(name + "support" + suffix);
                int i = 0;
                for (int c = 0; c < precision.length; c++) {
                    if (support[c] == 0 && precision[c] == 0 && set.name().equals("absent") && c == 3) {
                        continue; // the class seen nowhere has no row
                    }
                    assertEquals(Integer.toString(c), rows.get(i).label());
                    assertClose(name + c + " precision", precision[c], rows.get(i).precision());
                    assertClose(name + c + " recall", values(name + "recall_none" + suffix)[c], rows.get(i).recall());
                    assertClose(name + c + " f1", values(name + "f1_none" + suffix)[c], rows.get(i).f1Score());
                    assertClose(name + c + " support", support[c], rows.get(i).support());
                    i++;
                }
                assertEquals(i, rows.size());
                assertClose(name + "accuracy", value(name + "precision_micro" + suffix), report.accuracy());
                assertClose(name + "macro f1", value(name + "f1_macro" + suffix), report.macroAverage().f1Score());
                assertClose(name + "weighted recall", value(name + "recall_weighted" + suffix),
                        report.weightedAverage().recall());
            }
        }
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            MetricFixtures.assertStreamsExactly(ClassificationReport::new, set.predictions(), set.labels(),
                    set.weights());
        }
    }

    @Test
    void namesClassesAndPrintsWeightedSupportAsPythonDoes() {
        var report = new ClassificationReport().targetNames(List.of("cat", "dog", "a rather long name"));
        report.update(Tensor.of(0f, 1f, 2f, 2f), Tensor.of(0f, 1f, 1f, 2f), Tensor.of(1f, 0.5f, 2f, 1.25f));
        String expected = """
                                    precision    recall  f1-score   support

                               cat       1.00      1.00      1.00       1.0
                               dog       1.00      0.20      0.33       2.5
                a rather long name       0.38      1.00      0.56      1.25

                          accuracy                           0.58      4.75
                         macro avg       0.79      0.73      0.63      4.75
                      weighted avg       0.84      0.58      0.53      4.75
                """;
        assertEquals(expected, report.toString());
        assertEquals(0.2, report.results().get("dog/recall"));
        assertEquals(4.75, report.results().get("weighted avg/support"));
        assertEquals(2.75 / 4.75, report.results().get("accuracy"), 1e-15);
    }

    @Test
    void roundsHalfToEvenOnTheExactBinaryValueAsPython() {
        var report = new ClassificationReport().digits(1);
        report.update(Tensor.of(0f, 0f, 0f, 0f), Tensor.of(0f, 1f, 1f, 1f));
        String expected = """
                              precision    recall  f1-score   support

                           0        0.2       1.0       0.4         1
                           1        0.0       0.0       0.0         3

                    accuracy                            0.2         4
                   macro avg        0.1       0.5       0.2         4
                weighted avg        0.1       0.2       0.1         4
                """; // 0.25 prints as 0.2 and 0.125 as 0.1, where Java's HALF_UP would give 0.3 and 0.2
        assertEquals(expected, report.toString());
    }

    @Test
    void hasNoSingleResultAndNeedsANameForEveryClass() {
        var report = new ClassificationReport().targetNames(List.of("only"));
        report.update(Tensor.of(1f), Tensor.of(1f));
        assertThrows(UnsupportedOperationException.class, report::result);
        var e = assertThrows(IllegalStateException.class, report::toString);
        assertEquals("ClassificationReport: class 1 has no name; targetNames has 1: [only]", e.getMessage());
        assertEquals("classification_report", report.name());
    }
}
