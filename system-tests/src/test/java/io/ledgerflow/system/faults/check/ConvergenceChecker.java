package io.ledgerflow.system.faults.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Convergence: once the faults stop, every linked destination holds its source's latest value, within a bound.
 */
public final class ConvergenceChecker {

    static final String NAME = "convergence";

    /**
     * One link after the run.
     *
     * @param convergedAfter from the end of the faults until the destination held the source's value; null if never
     */
    public record Destination(
            String link, String destination, Double sourceValue, Double destinationValue, Duration convergedAfter) {}

    private ConvergenceChecker() {}

    public static List<Anomaly> check(List<Destination> destinations, Duration bound) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (Destination d : destinations) {
            if (!Objects.equals(d.sourceValue(), d.destinationValue())) {
                anomalies.add(new Anomaly(
                        NAME,
                        d.link(),
                        "destination " + d.destination() + " holds " + d.destinationValue() + ", its source "
                                + d.sourceValue()));
            } else if (d.convergedAfter() == null || d.convergedAfter().compareTo(bound) > 0) {
                anomalies.add(new Anomaly(
                        NAME,
                        d.link(),
                        "destination " + d.destination() + " converged after " + d.convergedAfter()
                                + ", beyond the bound of " + bound));
            }
        }
        return anomalies;
    }
}
