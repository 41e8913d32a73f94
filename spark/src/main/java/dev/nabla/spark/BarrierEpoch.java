package dev.nabla.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/** The function of a barrier stage (Spark's Scala API takes a Scala function): one synchronous epoch per task. */
final class BarrierEpoch extends AbstractFunction1<Iterator<Integer>, Iterator<RoundResult>> implements Serializable {

    private static final long serialVersionUID = 1L;
    private final TrainingJob job;
    private final Broadcast<ModelState> start;
    private final int epoch;
    private final String host;
    private final int port;

    BarrierEpoch(TrainingJob job, Broadcast<ModelState> start, int epoch, String host, int port) {
        this.job = job;
        this.start = start;
        this.epoch = epoch;
        this.host = host;
        this.port = port;
    }

    @Override
    public Iterator<RoundResult> apply(Iterator<Integer> partition) {
        try {
            return CollectionConverters.asScala(ReplicaTasks.synchronousEpoch(job, start.value(), epoch, host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the driver's gradient exchange at " + host + ":" + port, e);
        }
    }
}
