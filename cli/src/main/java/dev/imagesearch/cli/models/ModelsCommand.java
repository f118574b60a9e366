package dev.imagesearch.cli.models;

import picocli.CommandLine.Command;

@Command(
    name = "models",
    description =
        "Manage the VGG16 and CLIP models the worker and search-api load, and search-api's"
            + " multilingual text encoder.",
    subcommands = FetchCommand.class)
public class ModelsCommand {}
