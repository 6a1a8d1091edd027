package io.ledgerflow.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Jib configuration of one module's image as Maven would see it with {@code -Pimages}: the root
 * pom's {@code images} profile with the root's and the module's properties substituted (the module's
 * win, as in Maven's inheritance). {@code image.registry} stands as {@code REGISTRY}.
 */
record ImageBuild(
        String module,
        boolean skip,
        String image,
        List<String> tags,
        String appRoot,
        String mainClass,
        List<String> jvmFlags,
        List<Integer> ports,
        String user,
        String creationTime,
        Map<String, String> labels) {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    static ImageBuild of(String module) {
        Element rootPom = parse(ROOT.resolve("pom.xml"));
        Element modulePom = parse(ROOT.resolve(module).resolve("pom.xml"));
        Map<String, String> props = new HashMap<>(properties(rootPom));
        props.putAll(properties(modulePom));
        props.put("image.registry", "REGISTRY");
        props.put("project.artifactId", text(modulePom, "artifactId"));
        props.put("project.version", text(child(rootPom, "version"), null));
        props.put("project.description", text(modulePom, "description"));
        Element jib = jibPlugin(rootPom);
        Element conf = child(jib, "configuration");
        Element container = child(conf, "container");
        Map<String, String> labels = new LinkedHashMap<>();
        for (Element label : children(child(container, "labels"))) {
            labels.put(label.getTagName(), resolve(label.getTextContent().trim(), props));
        }
        return new ImageBuild(
                module,
                Boolean.parseBoolean(resolve(text(conf, "skip"), props)),
                resolve(text(child(conf, "to"), "image"), props),
                children(child(child(conf, "to"), "tags")).stream()
                        .map(t -> resolve(t.getTextContent().trim(), props))
                        .toList(),
                resolve(text(container, "appRoot"), props),
                resolve(text(container, "mainClass"), props),
                children(child(container, "jvmFlags")).stream()
                        .map(f -> resolve(f.getTextContent().trim(), props))
                        .toList(),
                children(child(container, "ports")).stream()
                        .map(p -> Integer.valueOf(resolve(p.getTextContent().trim(), props)))
                        .toList(),
                resolve(text(container, "user"), props),
                resolve(text(container, "creationTime"), props),
                labels);
    }

    /** The chart's appVersion tag among the image's tags. */
    String repository() {
        String withoutRegistry = image.substring(image.indexOf('/') + 1);
        return withoutRegistry.substring(0, withoutRegistry.lastIndexOf(':'));
    }

    Path mainClassSource() {
        return ROOT.resolve(module).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java");
    }

    private static Element jibPlugin(Element rootPom) {
        for (Element profile : children(child(rootPom, "profiles"))) {
            if (!"images".equals(text(profile, "id"))) {
                continue;
            }
            for (Element plugin : children(child(child(profile, "build"), "plugins"))) {
                if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                    return plugin;
                }
            }
        }
        throw new AssertionError("the root pom has no profile \"images\" with jib-maven-plugin");
    }

    private static Map<String, String> properties(Element pom) {
        Map<String, String> props = new HashMap<>();
        Element properties = child(pom, "properties");
        if (properties != null) {
            children(properties)
                    .forEach(p -> props.put(p.getTagName(), p.getTextContent().trim()));
        }
        return props;
    }

    private static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        String resolved = value;
        for (int depth = 0; depth < 10 && resolved.contains("${"); depth++) {
            Matcher m = PLACEHOLDER.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = props.get(m.group(1));
                if (replacement == null) {
                    throw new AssertionError("unknown property ${" + m.group(1) + "} in " + value);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            resolved = out.toString();
        }
        return resolved;
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(Files.newInputStream(pom));
            return document.getDocumentElement();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) nodes.item(i));
            }
        }
        return result;
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream()
                .filter(e -> e.getTagName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String text(Element parent, String name) {
        Element e = name == null ? parent : child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
