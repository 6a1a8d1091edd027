package io.ledgerflow.service.json;

import java.math.BigDecimal;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Limits on what a request body may make the JSON parser do. Jackson's {@link StreamReadConstraints} bound nesting,
 * the length of a number and of a string (the parser refuses more, naming the limit, and the problem handler answers
 * 400); on top of those, a decimal's exponent and a floating-point value must stay finite and reasonable, since
 * {@code 1e999999999} is a short, valid JSON number that becomes infinity as a {@code double} and makes a
 * {@link BigDecimal} whose plain form has a billion digits.
 */
public final class JsonLimits implements JsonFactoryBuilderCustomizer {

    /** Deepest nesting of arrays and objects: no Ledgerflow request nests more than a handful of levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest number, in characters: a double needs at most 25. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Largest exponent (scale) a decimal may have, in either direction. */
    public static final int MAX_DECIMAL_SCALE = 400;

    @Override
    public void customize(JsonFactoryBuilder builder) {
        builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    }

    /** Deserializers that refuse a {@code double} that overflowed and a decimal with an absurd exponent. */
    public static SimpleModule boundedNumbers() {
        SimpleModule module = new SimpleModule("ledgerflow-bounded-numbers");
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(double.class, 0.0));
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        return module;
    }

    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        @SuppressWarnings("unchecked")
        FiniteDouble(Class<?> type, Double empty) {
            super((Class<Double>) type, empty);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                return (Double) ctxt.handleWeirdNumberValue(
                        Double.class, value, "the number is out of range for a 64-bit floating-point value");
            }
            return value;
        }
    }

    private static final class BoundedDecimal extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && Math.abs(value.scale()) > MAX_DECIMAL_SCALE) {
                return (BigDecimal) ctxt.handleWeirdNumberValue(
                        BigDecimal.class,
                        value,
                        "the exponent is out of range (at most " + MAX_DECIMAL_SCALE + " either way)");
            }
            return value;
        }
    }
}
