package io.ledgerflow.pong.service.shards;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.zone.Zone;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * pong-core's protocol {@link Message}s as JSON for the shard-messages topic, and {@link ShardControl}'s commands. pong-core stays free of serialisation
 * annotations: the type names (the records' simple names, in {@code "@type"}) and the zone layout's constructor are
 * declared here, as mix-ins.
 */
final class ShardMessageCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private interface Polymorphic {}

    private abstract static class LayoutMixIn {
        @JsonCreator
        LayoutMixIn(
                @JsonProperty("version") long version,
                @JsonProperty("shards") int shards,
                @JsonProperty("zones") List<Zone> zones) {}

        @JsonProperty("version")
        abstract long version();

        @JsonProperty("shards")
        abstract int shards();

        @JsonProperty("zones")
        abstract List<Zone> zones();
    }

    private final JsonMapper json;

    ShardMessageCodec() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .addMixIn(Message.class, Polymorphic.class)
                .addMixIn(Message.Work.class, Polymorphic.class)
                .addMixIn(ShardControl.Command.class, Polymorphic.class)
                .addMixIn(ZoneLayout.class, LayoutMixIn.class);
        for (Class<?> type : ShardControl.Command.class.getPermittedSubclasses()) {
            builder.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            if (type.isRecord()) {
                builder.registerSubtypes(new NamedType(type, type.getSimpleName()));
            }
        }
        for (Class<?> type : Message.Work.class.getPermittedSubclasses()) {
            builder.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
        this.json = builder.build();
    }

    String encode(Message message) {
        return json.writerFor(Message.class).writeValueAsString(message);
    }

    Message decode(String text) {
        return json.readValue(text, Message.class);
    }

    String encodeCommand(ShardControl.Command command) {
        return json.writerFor(ShardControl.Command.class).writeValueAsString(command);
    }

    ShardControl.Command decodeCommand(String text) {
        return json.readValue(text, ShardControl.Command.class);
    }
}
