package io.ledgerflow.system.faults.check;

/** One thing a checker found wrong: which checker, about what (a workbook, a link, a game), and what. */
public record Anomaly(String checker, String subject, String description) {

    @Override
    public String toString() {
        return checker + " [" + subject + "]: " + description;
    }
}
