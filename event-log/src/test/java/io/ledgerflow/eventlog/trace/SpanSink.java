package io.ledgerflow.eventlog.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Consumer;

/** A span exporter of the tests: hands each export's finished spans to {@code sink}. */
public record SpanSink(Consumer<Collection<SpanData>> sink) implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        sink.accept(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
