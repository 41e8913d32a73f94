package dev.nabla.cli.experiment;

import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.AugmentedDataset;
import dev.nabla.train.FitOptions;

/**
 * What {@code fit} is given: the training examples, augmented when the file has an
 * {@code augmentation}, and the options. With augmentation the validation examples are cut off
 * first and passed as they are, so that validation, like the test, sees unchanged images.
 *
 * @param training the examples trained on
 * @param options  the fit options, with the validation split or data
 */
record FitData(Dataset training, FitOptions options) {

    /** The training set and options of {@code experiment}, for samples of {@code sampleShape}. */
    static FitData of(Experiment experiment, TensorDataset train, int[] sampleShape, FitOptions options) {
        AugmentationSpec augmentation = experiment.data().augmentation();
        if (augmentation == null) {
            return new FitData(train, options);
        }
        int size = train.size();
        int cut = size - (int) Math.floor(size * (double) options.validationSplit());
        FitOptions held = options.validationSplit(0f).validationData(cut < size ? train.slice(cut, size) : null);
        return new FitData(new AugmentedDataset(train.slice(0, cut), augmentation.create(sampleShape),
                experiment.training().seed()), held);
    }
}
