package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateauTest {

    @Test
    void autoMaximisesAccuraciesAndScoresAndMinimisesTheRest() {
        for (String larger : new String[] {"val_accuracy", "acc", "val_auc", "precision", "val_recall_micro",
                "f1_score_macro", "val_r2"}) {
            assertEquals(Plateau.Mode.MAX, Plateau.Mode.AUTO.resolve(larger), larger);
        }
        for (String smaller : new String[] {"val_loss", "loss", "val_mae", "mse", "rmse", "mean_squared_error"}) {
            assertEquals(Plateau.Mode.MIN, Plateau.Mode.AUTO.resolve(smaller), smaller);
        }
        assertEquals(Plateau.Mode.MIN, Plateau.Mode.MIN.resolve("val_accuracy"));
    }

    @Test
    void anAbsoluteThresholdCountsStepsWithoutAnImprovementLargerThanIt() {
        Plateau plateau = new Plateau(Plateau.Mode.MIN, 0.1);
        assertTrue(plateau.update(1.0));
        assertFalse(plateau.update(0.95));
        assertFalse(plateau.update(Double.NaN));
        assertEquals(2, plateau.badSteps());
        assertTrue(plateau.update(0.85));
        assertEquals(0.85, plateau.best());
        assertEquals(0, plateau.badSteps());
    }

    @Test
    void aRelativeThresholdScalesWithTheBestValue() {
        Plateau plateau = Plateau.relative(Plateau.Mode.MAX, 0.1);
        assertTrue(plateau.update(10));
        assertFalse(plateau.update(10.5));
        assertTrue(plateau.update(11.5));
        plateau.reset();
        assertEquals(Double.NEGATIVE_INFINITY, plateau.best());
    }

    @Test
    void autoNeedsTheMonitoredName() {
        assertThrows(IllegalArgumentException.class, () -> new Plateau(Plateau.Mode.AUTO, 0));
    }
}
