package dev.imagesearch.cli.search;

import dev.imagesearch.cli.importer.ResolvedKey;
import dev.imagesearch.contracts.ImageId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code imagesearch search}: the search page's queries, from a terminal. */
@Command(
    name = "search",
    description = {
      "Search the images by TEXT, by an image file (--image, with TEXT too: both",
      "combined) or by a stored image (--similar). Prints rank, similarity, file name",
      "and id, weak matches marked. Exit codes: 0 done, 1 the server refused or is",
      "not reachable, 2 usage."
    })
public class SearchCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "TEXT", description = "what to look for")
  String text;

  @Option(names = "--image", paramLabel = "FILE", description = "find images like this file")
  Path image;

  @Option(names = "--similar", paramLabel = "ID", description = "find images like a stored one")
  String similar;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "10",
      description = "how many results (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print search-api's answer as JSON")
  boolean json;

  @Option(
      names = "--open",
      description = "open the results in the search page ($BROWSER, else the desktop's browser)")
  boolean open;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "search-api (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "read key, when search-api needs one (default: $" + ResolvedKey.ENV + ")")
  String apiKey;

  @Override
  public Integer call() throws IOException {
    check();
    PrintWriter out = spec.commandLine().getOut();
    String key = apiKey != null ? apiKey : System.getenv(ResolvedKey.ENV);
    String answer;
    try (SearchApi api = new SearchApi(url, key)) {
      answer =
          similar != null
              ? api.similar(similar, limit)
              : image != null ? api.image(image, text, limit) : api.text(text, limit);
    } catch (SearchApi.Refused e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    if (json) {
      out.println(answer);
    } else {
      Results.print(JSON.readTree(answer), out);
    }
    out.flush();
    if (open) {
      return Browser.open(pageUrl(), spec.commandLine().getErr()) ? 0 : 1;
    }
    return 0;
  }

  private void check() {
    boolean query = text != null && !text.isBlank();
    if (!query && image == null && similar == null) {
      throw new ParameterException(spec.commandLine(), "Give TEXT, --image FILE or --similar ID.");
    }
    if (similar != null && (query || image != null)) {
      throw new ParameterException(
          spec.commandLine(), "--similar ID goes alone: not with TEXT or --image.");
    }
    if (image != null && !Files.isReadable(image)) {
      throw new ParameterException(spec.commandLine(), "Cannot read the image " + image + ".");
    }
  }

  /** The same query in the search page; an --image query there needs the image stored. */
  private URI pageUrl() throws IOException {
    List<String> params = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      params.add("q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }
    if (image != null) {
      try (InputStream in = Files.newInputStream(image)) {
        params.add("image=" + ImageId.of(in).hex());
      }
    }
    if (similar != null) {
      params.add(
          "similar=" + URLEncoder.encode(similar.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8));
    }
    return URI.create(url.toString().replaceAll("/+$", "") + "/?" + String.join("&", params));
  }
}
