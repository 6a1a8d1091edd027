package io.ledgerflow.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.gateway.problem.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

class RequestSizeLimitFilterTest {

    @Test
    void passesABodyWithinTheLimitUnchanged() {
        List<String> passed = RequestSizeLimitFilter.countBytes(body("abcd", "efgh"), 8, 100)
                .map(buffer -> buffer.toString(StandardCharsets.US_ASCII))
                .collectList()
                .block();

        assertThat(passed).containsExactly("abcd", "efgh");
    }

    @Test
    void failsWith413AfterReadingTheWholeBodyOnceTheCountedBytesExceedTheLimit() {
        List<String> read = new java.util.ArrayList<>();
        Flux<DataBuffer> source =
                body("abcd", "efgh", "i", "jklm").doOnNext(b -> read.add(b.toString(StandardCharsets.US_ASCII)));
        List<String> passed = new java.util.ArrayList<>();
        Flux<DataBuffer> counted = RequestSizeLimitFilter.countBytes(source, 8, 100)
                .doOnNext(b -> passed.add(b.toString(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> counted.blockLast())
                .isInstanceOf(PayloadTooLargeException.class)
                .satisfies(e ->
                        assertThat(((PayloadTooLargeException) e).limitBytes()).isEqualTo(8));
        assertThat(passed).as("passed upstream").containsExactly("abcd", "efgh");
        assertThat(read).as("read from the client, the rest discarded").containsExactly("abcd", "efgh", "i", "jklm");
    }

    @Test
    void stopsReadingPastTheDiscardLimit() {
        List<String> read = new java.util.ArrayList<>();
        Flux<DataBuffer> source =
                body("abcd", "efgh", "ijkl", "mnop").doOnNext(b -> read.add(b.toString(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> RequestSizeLimitFilter.countBytes(source, 4, 8).blockLast())
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(read).containsExactly("abcd", "efgh", "ijkl");
    }

    @Test
    void countsEachSubscriptionAfresh() {
        Flux<DataBuffer> counted = RequestSizeLimitFilter.countBytes(Flux.defer(() -> body("abcd")), 4, 100);

        assertThat(counted.count().block()).isEqualTo(1);
        assertThat(counted.count().block()).isEqualTo(1);
    }

    private static Flux<DataBuffer> body(String... chunks) {
        return Flux.fromArray(chunks)
                .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.US_ASCII)));
    }
}
