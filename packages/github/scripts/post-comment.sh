#!/usr/bin/env bash
# The trusted half of the fork flow: what .github/workflows/compliance-comment.yml runs on workflow_run,
# with a token that may write pull-request comments. The tests run this very file (src/workflows.test.ts).
#
# TRUSTOPS_COMMENT_DIR holds the artifact the pull request's run made with pr-check.sh in body-only mode:
# comment.md and pr-number. It comes from code we do not trust, so it is data only: nothing in it is run,
# sourced or put in a command line unquoted; the number must be a plain integer; both must be regular files
# (not links) of bounded size; and `trustops github pr-comment --body-file` refuses a body that trustops
# could not have generated, and posts only when the pull request's head is the commit the run built
# (workflow_run.head_sha from the event, which GitHub writes).
#
# Environment:
#   TRUSTOPS_COMMENT_DIR  the downloaded artifact (required)
#   TRUSTOPS_CLI, TRUSTOPS_BUNDLE  which trustops runs (see cli.sh); compliance-comment.yml runs the bundle
#   GITHUB_TOKEN, GITHUB_EVENT_PATH, GITHUB_*: as GitHub Actions sets them for a workflow_run event
set -euo pipefail

# shellcheck source=cli.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli.sh"

refuse() {
  echo "::error title=trustops::refusing the pull request's comment artifact: $*"
  exit 2
}

dir=${TRUSTOPS_COMMENT_DIR:?set TRUSTOPS_COMMENT_DIR to the downloaded artifact}
body="$dir/comment.md"
number_file="$dir/pr-number"
for f in "$body" "$number_file"; do
  [[ -f "$f" && ! -L "$f" ]] || refuse "$(basename "$f") is missing or not a regular file"
done
# Far below the sizes where reading them could hurt; the CLI checks the body's own limit.
(($(wc -c <"$number_file") <= 16)) || refuse "pr-number is too large"
(($(wc -c <"$body") <= 262144)) || refuse "comment.md is too large"

pr=$(head -c 16 "$number_file" | tr -d '\n')
[[ "$pr" =~ ^[1-9][0-9]{0,8}$ ]] || refuse "pr-number is not a pull request number"

exec "${cli[@]}" github pr-comment --body-file "$body" --pr "$pr"
