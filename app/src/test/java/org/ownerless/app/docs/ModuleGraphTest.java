package org.ownerless.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The module graph in docs/architecture.md is the one the build has: drawn here from the poms
 * (each module's dependencies on other ownerless modules, by scope) and compared with the block
 * between the {@code module-graph} markers. A failure prints the block to paste.
 */
class ModuleGraphTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String BEGIN = "<!-- module-graph: generated from the poms by ModuleGraphTest; do not edit -->";
  private static final String END = "<!-- /module-graph -->";

  @Test
  void theArchitectureDocumentDrawsTheModuleGraphTheBuildHas() throws Exception {
    String expected = BEGIN + "\n" + render(readGraph()) + END;
    String doc = Files.readString(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    assertThat(from).as("docs/architecture.md has the module-graph markers").isNotNegative();
    assertThat(doc.substring(from, to + END.length()))
        .as("docs/architecture.md's module graph; paste this block:%n%s%n", expected)
        .isEqualTo(expected);
  }

  @Test
  void noModuleBesidesTheAppAndTheBenchmarksDependsOnTheIngest() throws Exception {
    Map<String, Map<String, TreeSet<String>>> graph = readGraph();
    graph.forEach((module, byScope) -> {
      if (!module.equals("app") && !module.equals("bench") && !module.equals("manifest")) {
        assertThat(byScope.getOrDefault("compile", new TreeSet<>())).as(module + "'s dependencies")
            .doesNotContain("ingest");
      }
    });
  }

  /** module → scope ("compile" or "test") → ownerless modules it depends on. */
  private static Map<String, Map<String, TreeSet<String>>> readGraph() throws Exception {
    Map<String, Map<String, TreeSet<String>>> graph = new TreeMap<>();
    for (String module : modules(parse(ROOT.resolve("pom.xml")))) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      Map<String, TreeSet<String>> byScope = new TreeMap<>();
      NodeList deps = pom.getElementsByTagName("dependency");
      for (int i = 0; i < deps.getLength(); i++) {
        Element d = (Element) deps.item(i);
        if (!(d.getParentNode().getParentNode() instanceof Element owner) || !owner.getTagName().equals("project")) {
          continue; // plugin dependencies, dependencyManagement
        }
        String artifact = text(d, "artifactId");
        if (!text(d, "groupId").equals("org.ownerless") || !artifact.startsWith("ownerless-")) {
          continue;
        }
        String scope = text(d, "scope").equals("test") ? "test" : "compile";
        byScope.computeIfAbsent(scope, s -> new TreeSet<>()).add(artifact.substring("ownerless-".length()));
      }
      byScope.getOrDefault("test", new TreeSet<>()).removeAll(byScope.getOrDefault("compile", new TreeSet<>()));
      graph.put(module, byScope);
    }
    return graph;
  }

  private static String render(Map<String, Map<String, TreeSet<String>>> graph) {
    StringBuilder sb = new StringBuilder("```mermaid\ngraph BT\n");
    graph.forEach((module, byScope) -> {
      for (String target : byScope.getOrDefault("compile", new TreeSet<>())) {
        sb.append("  ").append(module).append(" --> ").append(target).append('\n');
      }
    });
    graph.forEach((module, byScope) -> {
      for (String target : byScope.getOrDefault("test", new TreeSet<>())) {
        sb.append("  ").append(module).append(" -. tests .-> ").append(target).append('\n');
      }
    });
    return sb.append("```\n").toString();
  }

  private static List<String> modules(Document root) {
    List<String> out = new ArrayList<>();
    NodeList modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      out.add(modules.item(i).getTextContent().trim());
    }
    return out;
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  private static String text(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().trim();
      }
    }
    return "";
  }
}
