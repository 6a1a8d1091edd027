package io.ledgerflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's parameter table and the schema keep up with the {@code ## @param} comments. */
class ChartDocsTest {

    private static final Pattern PARAM = Pattern.compile("(?m)^\\s*## @param (\\S+) ");

    @Test
    void everyParameterIsDocumentedAndEveryComponentBlockIsInTheSchema() throws IOException {
        String values = Files.readString(RenderedChart.CHART.resolve("values.yaml"));
        String readme = Files.readString(RenderedChart.CHART.resolve("README.md"));
        String schema = Files.readString(RenderedChart.CHART.resolve("values.schema.json"));
        Matcher m = PARAM.matcher(values);
        List<String> params = m.results().map(r -> r.group(1)).toList();
        assertThat(params).hasSizeGreaterThan(100).doesNotHaveDuplicates();
        assertThat(params).allSatisfy(p -> assertThat(readme).contains("| `" + p + "` |"));
        RenderedChart.COMPONENTS.values().forEach(key -> assertThat(schema).contains("\"" + key + "\": {"));
    }
}
