package dev.nabla.train;

import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradual unfreezing (Howard and Ruder 2018, ULMFiT): a pretrained model's layers are frozen
 * when training begins and unfrozen one stage at a time, from the head down, so the new head
 * settles before the pretrained features move. Before epoch {@code (i + 1) · epochsPerStage}
 * (epochs numbered from 0), stage {@code i} is unfrozen: the first {@code epochsPerStage} epochs
 * train only what was trainable besides the stages.
 *
 * <pre>{@code
 * Transfer.freezeUpTo(resnet, "layer2");                         // frozen for good
 * model.fit(data, FitOptions.epochs(3).callbacks(new GradualUnfreezing(
 *         List.of(Transfer.layer(resnet, "layer4"), Transfer.layer(resnet, "layer3")), 1)));
 * // or by dotted name, found in the trained model when training begins:
 * GradualUnfreezing.ofLayers(List.of("layer4", "layer3"), 1);
 * }</pre>
 *
 * <p>The optimizer must hold the frozen parameters too (an optimizer given by name or by a
 * function of the parameters does; one made by hand needs {@code model.parameters()}), since it
 * skips them only while they are frozen.
 */
public final class GradualUnfreezing implements Callback {

    private final List<String> paths;
    private final List<Layer> stages = new ArrayList<>();
    private final int epochsPerStage;

    /** Unfreezes {@code stages} in order, one every {@code epochsPerStage} epochs. */
    public GradualUnfreezing(List<? extends Layer> stages, int epochsPerStage) {
        this(List.of(), epochsPerStage, stages.size());
        this.stages.addAll(stages);
    }

    private GradualUnfreezing(List<String> paths, int epochsPerStage, int stageCount) {
        if (stageCount == 0) {
            throw new IllegalArgumentException("GradualUnfreezing: give at least one stage to unfreeze");
        }
        if (epochsPerStage < 1) {
            throw new IllegalArgumentException("GradualUnfreezing: epochsPerStage must be at least 1, got "
                    + epochsPerStage);
        }
        this.paths = List.copyOf(paths);
        this.epochsPerStage = epochsPerStage;
    }

    /**
     * Unfreezes the layers at these dotted paths of the trained model ({@code fc2},
     * {@code layer4.1}), in order, one every {@code epochsPerStage} epochs; the paths are looked
     * up when training begins, and one that names no layer fails then.
     */
    public static GradualUnfreezing ofLayers(List<String> paths, int epochsPerStage) {
        return new GradualUnfreezing(paths, epochsPerStage, paths.size());
    }

    /** Finds the stages by path (for {@link #ofLayers}) and freezes them all. */
    @Override
    public void onTrainBegin(Model model) {
        if (!paths.isEmpty()) {
            stages.clear();
            for (String path : paths) {
                try {
                    stages.add(LayerPaths.find(model.network(), path));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("GradualUnfreezing: " + e.getMessage(), e);
                }
            }
        }
        stages.forEach(stage -> stage.setTrainable(false));
    }

    @Override
    public void onEpochBegin(int epoch) {
        int unfrozen = Math.min(stages.size(), epoch / epochsPerStage);
        for (int i = 0; i < unfrozen; i++) {
            stages.get(i).setTrainable(true);
        }
    }

    /** The stages, in the order they are unfrozen (for {@link #ofLayers}, once training has begun). */
    public List<Layer> stages() {
        return List.copyOf(stages);
    }

    /** The dotted paths given to {@link #ofLayers}, else empty. */
    public List<String> paths() {
        return paths;
    }

    /** The epochs between two stages. */
    public int epochsPerStage() {
        return epochsPerStage;
    }
}
