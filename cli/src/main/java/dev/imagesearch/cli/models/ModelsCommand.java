package dev.imagesearch.cli.models;

import dev.imagesearch.cli.stack.ModelsRollbackCommand;
import dev.imagesearch.cli.stack.ModelsStatusCommand;
import dev.imagesearch.cli.stack.ModelsUseCommand;
import picocli.CommandLine.Command;

@Command(
    name = "models",
    description =
        "Manage the VGG16 and CLIP models the worker and search-api load, and search-api's"
            + " multilingual text encoder.",
    subcommands = {
      FetchCommand.class,
      ModelsUseCommand.class,
      ModelsStatusCommand.class,
      ModelsRollbackCommand.class
    })
public class ModelsCommand {}
