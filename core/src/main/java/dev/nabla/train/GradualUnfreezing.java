package dev.nabla.train;

import dev.nabla.nn.Layer;
import java.util.List;

/**
 * Gradual unfreezing (Howard and Ruder 2018, ULMFiT): a pretrained model's frozen layers are
 * unfrozen one stage at a time, from the head down, so the new head settles before the
 * pretrained features move. Before epoch {@code (i + 1) · epochsPerStage} (epochs numbered from
 * 0), stage {@code i} is unfrozen: the first {@code epochsPerStage} epochs train only what was
 * trainable at the start.
 *
 * <pre>{@code
 * Transfer.freezeUpTo(resnet, "layer4");
 * model.fit(data, FitOptions.epochs(3).callbacks(new GradualUnfreezing(
 *         List.of(Transfer.layer(resnet, "layer4"), Transfer.layer(resnet, "layer3")), 1)));
 * }</pre>
 *
 * <p>The optimizer must hold the frozen parameters too (an optimizer given by name or by a
 * function of the parameters does; one made by hand needs {@code model.parameters()}), since it
 * skips them only while they are frozen.
 */
public final class GradualUnfreezing implements Callback {

    private final List<Layer> stages;
    private final int epochsPerStage;

    /** Unfreezes {@code stages} in order, one every {@code epochsPerStage} epochs. */
    public GradualUnfreezing(List<? extends Layer> stages, int epochsPerStage) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("GradualUnfreezing: give at least one stage to unfreeze");
        }
        if (epochsPerStage < 1) {
            throw new IllegalArgumentException("GradualUnfreezing: epochsPerStage must be at least 1, got "
                    + epochsPerStage);
        }
        this.stages = List.copyOf(stages);
        this.epochsPerStage = epochsPerStage;
    }

    @Override
    public void onEpochBegin(int epoch) {
        int unfrozen = Math.min(stages.size(), epoch / epochsPerStage);
        for (int i = 0; i < unfrozen; i++) {
            stages.get(i).setTrainable(true);
        }
    }

    /** The stages, in the order they are unfrozen. */
    public List<Layer> stages() {
        return stages;
    }

    /** The epochs between two stages. */
    public int epochsPerStage() {
        return epochsPerStage;
    }
}
