package io.ledgerflow.service.observability;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code GET /actuator/heaphistogram} on the management port: the JVM's class histogram (live objects per class,
 * as {@code jcmd GC.class_histogram}), as text. Cheaper than a heap dump and free of user data.
 */
@WebEndpoint(id = "heaphistogram")
public class HeapHistogramEndpoint {

    @ReadOperation(produces = "text/plain")
    public String histogram() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM has no class histogram: " + e.getMessage(), e);
        }
    }
}
