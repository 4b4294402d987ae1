package dev.gate.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.ExitCodes;
import dev.gate.cli.push.TransferOptions.OutputFormat;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gate tags REPO}: every tag of a repository, as {@code crane ls} lists them, across the registry's pages. */
@Command(
        name = "tags",
        mixinStandardHelpOptions = true,
        description = "List the tags of a repository, one a line, following the registry's pages.%n"
                + "Exit: 0 listed, 2 bad input or no such repository, 3 registry unreachable or refused.")
public final class TagsCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "REPO", description = "e.g. registry.example.com/team/app")
    String repository;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            description = "text (default) or json: {\"repository\", \"tags\"}.")
    OutputFormat output = OutputFormat.text;

    @Override
    public Integer call() {
        Reference repo = RemoteReference.repository(repository);
        List<String> tags = RegistryClient.open(repo, registries.toOptions()).tags();
        PrintWriter out = out();
        if (output == OutputFormat.json) {
            ObjectNode root = new ObjectMapper().createObjectNode().put("repository", repo.name());
            tags.forEach(root.putArray("tags")::add);
            out.println(root);
        } else {
            // each tag was checked against the tag grammar as it was read: nothing here can hold a control character
            tags.forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
