package dev.imagesearch.cli.search;

import dev.imagesearch.cli.importer.ResolvedKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imagesearch delete ID...}: removes stored images, with the write key. */
@Command(
    name = "delete",
    description = {
      "Delete images by id: the original, its thumbnail and its index entry. The",
      "write key comes from --api-key, $" + ResolvedKey.ENV + " or var/api-key.",
      "Exit codes: 0 all deleted, 1 some were not (each says why), 2 usage."
    })
public class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "ids, as search prints them")
  List<String> ids;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "search-api, which passes deletions on (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--api-key", paramLabel = "KEY", description = "the write key")
  String apiKey;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ResolvedKey key =
        ResolvedKey.resolve(apiKey, System.getenv(), ResolvedKey.varDir(System.getenv()));
    int failed = 0;
    try (SearchApi api = new SearchApi(url, key.key())) {
      for (String id : ids) {
        try {
          api.delete(id);
          out.println("deleted " + id);
        } catch (SearchApi.Refused e) {
          err.println("not deleted " + id + ": " + e.getMessage());
          failed++;
        }
      }
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }
}
