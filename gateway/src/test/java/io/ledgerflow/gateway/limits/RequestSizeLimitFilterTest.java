package io.ledgerflow.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

class RequestSizeLimitFilterTest {

    @Test
    void passesABodyWithinTheLimitUnchanged() {
        List<String> passed = RequestSizeLimitFilter.countBytes(body("abcd", "efgh"), 8)
                .map(buffer -> buffer.toString(StandardCharsets.US_ASCII))
                .collectList()
                .block();

        assertThat(passed).containsExactly("abcd", "efgh");
    }

    @Test
    void failsWith413OnceTheCountedBytesExceedTheLimit() {
        Flux<DataBuffer> counted = RequestSizeLimitFilter.countBytes(body("abcd", "efgh", "i"), 8);

        assertThatThrownBy(() -> counted.blockLast())
                .isInstanceOf(PayloadTooLargeException.class)
                .satisfies(e ->
                        assertThat(((PayloadTooLargeException) e).limitBytes()).isEqualTo(8));
    }

    @Test
    void countsEachSubscriptionAfresh() {
        Flux<DataBuffer> counted = RequestSizeLimitFilter.countBytes(Flux.defer(() -> body("abcd")), 4);

        assertThat(counted.count().block()).isEqualTo(1);
        assertThat(counted.count().block()).isEqualTo(1);
    }

    private static Flux<DataBuffer> body(String... chunks) {
        return Flux.fromArray(chunks)
                .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.US_ASCII)));
    }
}
