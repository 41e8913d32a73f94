package dev.nabla.spark;

import java.io.Serializable;

/** What every task of a training run needs besides the round's state: the recipe, the data and the shard plan. */
record TrainingJob(ModelRecipe recipe, DataSource source, ShardPlan plan) implements Serializable {
}
