package io.ledgerflow.sharing.read;

import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A row of a read as JSON text: the object of the read's columns in their order (a column the row
 * has no value for is {@code null}). A page's rows come as PostgreSQL built them and go into the
 * answer as they are — parsing 1,000 rows into maps only to write them back was most of a page
 * read's garbage (docs/benchmarks.md, "Data sharing").
 */
public record RowJson(String json) implements JacksonSerializable {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The row of these values (in the map's order). */
    public static RowJson of(Map<String, Object> values) {
        return new RowJson(JSON.writeValueAsString(values));
    }

    /** The values, parsed (numbers with a fraction as BigDecimal), for callers that need them. */
    public Map<String, Object> values() {
        return JSON.readValue(json, OBJECT);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(json);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer type) {
        serialize(generator, context);
    }
}
