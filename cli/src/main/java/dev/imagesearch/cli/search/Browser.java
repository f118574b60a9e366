package dev.imagesearch.cli.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens a page in the user's browser: {@code $BROWSER} when set, as many tools do, else the OS's.
 */
final class Browser {
  private Browser() {}

  static boolean open(URI page, PrintWriter err) {
    String browser = System.getenv("BROWSER");
    List<String> command =
        browser != null && !browser.isBlank()
            ? List.of(browser, page.toString())
            : System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac")
                ? List.of("open", page.toString())
                : List.of("xdg-open", page.toString());
    try {
      new ProcessBuilder(command).inheritIO().start();
      return true;
    } catch (IOException e) {
      err.println("Could not open a browser (" + e.getMessage() + "); the page is " + page);
      return false;
    }
  }
}
