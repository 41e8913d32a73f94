package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.train.History;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkTrainerTest {

    private static double singleMachine;

    @BeforeAll
    static void trainOnOneMachine() throws IOException {
        singleMachine = FashionMnistRuns.singleMachineAccuracy();
    }

    @Test
    void modelAveragingOnTwoWorkersMatchesOneMachine() throws IOException {
        SparkTrainer trainer = new SparkTrainer(LocalSpark.context(), SparkTraining.modelAveraging(2, 16));
        History history = trainer.fit(FashionMnistRuns.recipe(), FashionMnistRuns.TRAINING, FashionMnistRuns.options());
        double accuracy = FashionMnistRuns.testAccuracy(trainer.model());
        report("model averaging", trainer, accuracy);
        assertEquals(FashionMnistRuns.EPOCHS, history.get("loss").size());
        assertTrue(Math.abs(accuracy - singleMachine) <= 0.01,
                "accuracy " + accuracy + " on two workers, " + singleMachine + " on one machine");
    }

    @Test
    void gradientAveragingOnTwoWorkersMatchesOneMachine() throws IOException {
        SparkTrainer trainer = new SparkTrainer(LocalSpark.context(), SparkTraining.gradientAveraging(2));
        trainer.fit(FashionMnistRuns.recipe(), FashionMnistRuns.TRAINING, FashionMnistRuns.options());
        double accuracy = FashionMnistRuns.testAccuracy(trainer.model());
        report("gradient averaging", trainer, accuracy);
        assertTrue(Math.abs(accuracy - singleMachine) <= 0.01,
                "accuracy " + accuracy + " on two workers, " + singleMachine + " on one machine");
    }

    private static void report(String mode, SparkTrainer trainer, double accuracy) {
        List<RoundTiming> timings = trainer.timings();
        double seconds = timings.stream().mapToDouble(RoundTiming::seconds).sum();
        double sync = timings.stream().mapToDouble(RoundTiming::synchronisationSeconds).sum();
        double exchange = timings.stream().mapToDouble(RoundTiming::exchangeSeconds).sum();
        System.out.printf(Locale.ROOT, "%s: accuracy %.4f (one machine %.4f), %d rounds, %.1f s, %.2f s outside"
                        + " training, %.2f s exchanging gradients%n", mode, accuracy, singleMachine, timings.size(),
                seconds, sync, exchange);
    }
}
