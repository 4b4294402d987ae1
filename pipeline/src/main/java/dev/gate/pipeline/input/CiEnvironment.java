package dev.gate.pipeline.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/** {@code input.context.ci}: where the run happens, from the variables each CI system sets. */
final class CiEnvironment {

    private CiEnvironment() {}

    static ObjectNode describe(UnaryOperator<String> env) {
        ObjectNode ci = JsonNodeFactory.instance.objectNode();
        if ("true".equals(env.apply("GITHUB_ACTIONS"))) {
            ci.put("provider", "github-actions");
            put(ci, "repository", env.apply("GITHUB_REPOSITORY"));
            put(ci, "ref", env.apply("GITHUB_REF"));
            put(ci, "sha", env.apply("GITHUB_SHA"));
            put(ci, "runId", env.apply("GITHUB_RUN_ID"));
        } else if ("true".equals(env.apply("GITLAB_CI"))) {
            ci.put("provider", "gitlab-ci");
            put(ci, "repository", env.apply("CI_PROJECT_PATH"));
            put(ci, "ref", env.apply("CI_COMMIT_REF_NAME"));
            put(ci, "sha", env.apply("CI_COMMIT_SHA"));
            put(ci, "runId", env.apply("CI_PIPELINE_ID"));
        } else if (env.apply("JENKINS_URL") != null) {
            ci.put("provider", "jenkins");
            put(ci, "repository", env.apply("GIT_URL"));
            put(ci, "ref", env.apply("GIT_BRANCH"));
            put(ci, "sha", env.apply("GIT_COMMIT"));
            put(ci, "runId", env.apply("BUILD_TAG"));
        }
        return ci;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
